// The process's descriptor limit. A network inspector with thousands of
// peers needs more than the usual soft limit of 1,024; the hard limit is
// what may be used without privileges.
#pragma once

#include <cstdint>

namespace sockscope {

/// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit
/// now in force.
std::uint64_t raiseOpenFileLimit();

} // namespace sockscope
