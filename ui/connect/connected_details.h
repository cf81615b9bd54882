// What a `connected` event says beyond the address, in words, for the
// Connect tab and `sockscope connect` alike: that UDP took the first
// address without a race, and what the kernel made of each socket option
// ("rcvbuf 1000 → 2304").
#pragma once

#include <sockscope/events/event.h>

#include <QStringList>

/// One sentence a line; none when there is nothing to add.
QStringList connectedDetails(const sockscope::Event &connected);
