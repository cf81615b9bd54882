// What a benchmark reports of its rounds: several rounds interleaved, each
// measured beside its baseline in the same round, and the median of the
// rates and of the rounds' own ratios, so a busy neighbour on the shared
// cores moves no figure alone.
#pragma once

#include <algorithm>
#include <vector>

/// The median of `values` (of an even count, the upper middle one).
inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}
