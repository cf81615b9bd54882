// Whether one of our threads sits in a given system call: for the waits no
// event tells, such as a worker that has really entered msgrcv (removing the
// queue before then would give EINVAL, not the EIDRM being shown).
#pragma once

namespace sockscope {

/// True when a thread of this process is in system call `number` now
/// (/proc/self/task/*/syscall). Reads /proc: call it at a bounded pace.
bool threadOfOursInSyscall(long number);

} // namespace sockscope
