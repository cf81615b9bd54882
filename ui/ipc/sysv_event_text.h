// A System V IPC event (core's ipc-created, ipc-waiting, ipc-op,
// ipc-removed, ipc-failed, ipc-verified) in one sentence: what
// `ipc shm|sem|msg` prints and what the window's System V page shows of
// an operation.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace sockscope {
struct Event;
}

class SysvEventText {
    Q_DECLARE_TR_FUNCTIONS(SysvEventText)
public:
    /// Empty for an event that is not one of those.
    static QString sentence(const sockscope::Event &event);
};
