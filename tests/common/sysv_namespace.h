// SysV IPC tests run in an IPC namespace of their own (`unshare --ipc`,
// which CMake puts in front of them when ctest runs as root, through
// tests/common/unshare_ipc.sh): an object a test leaves behind, because it
// failed or was killed by its timeout, dies with the namespace instead of
// staying in the machine's. Outside such a namespace they skip, saying why.
#pragma once

#include <QFile>
#include <QString>
#include <unistd.h>

/// The target of a /proc/.../ns link ("ipc:[4026531839]"), empty if unreadable.
inline QString namespaceLink(const QString &path)
{
    char target[64] = {};
    const ssize_t length = ::readlink(path.toLocal8Bit().constData(), target, sizeof target - 1);
    return length > 0 ? QString::fromLatin1(target, length) : QString();
}

/// Why SysV objects must not be made here; empty when this process is in
/// an IPC namespace of its own (not its parent's).
inline QString ipcNamespaceProblem()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root: SysV IPC tests run under `unshare --ipc` so that nothing they create can "
                              "outlive them in the machine's IPC namespace");
    const QString ours = namespaceLink(QStringLiteral("/proc/self/ns/ipc"));
    const QString parents = namespaceLink(QStringLiteral("/proc/%1/ns/ipc").arg(::getppid()));
    if (ours.isEmpty() || parents.isEmpty())
        return QStringLiteral("cannot tell whether this runs in an IPC namespace of its own (/proc/*/ns/ipc unreadable)");
    if (ours == parents)
        return QStringLiteral("not in an IPC namespace of its own: run it as `unshare --ipc %1` (ctest does so as root)")
            .arg(QFile::symLinkTarget(QStringLiteral("/proc/self/exe")));
    return {};
}
