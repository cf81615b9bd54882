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

/// The parent of process `pid` (/proc/PID/stat), 0 when unknown.
inline int parentOf(int pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype end = text.lastIndexOf(')');
    return end < 0 ? 0 : text.mid(end + 2).split(' ').value(1).toInt();
}

/// Why SysV objects must not be made here; empty when this process is in
/// an IPC namespace of its own: one that an ancestor, up the chain of
/// parents, is not in. (Not only the parent: a test that re-executes itself
/// inside a network namespace has a parent in the namespace already.)
inline QString ipcNamespaceProblem()
{
    if (::geteuid() != 0)
        return QStringLiteral("needs root: SysV IPC tests run under `unshare --ipc` so that nothing they create can "
                              "outlive them in the machine's IPC namespace");
    const QString ours = namespaceLink(QStringLiteral("/proc/self/ns/ipc"));
    if (ours.isEmpty())
        return QStringLiteral("cannot tell whether this runs in an IPC namespace of its own (/proc/self/ns/ipc unreadable)");
    constexpr int kMostAncestors = 64; // a chain of parents ends long before this
    int pid = ::getppid();
    for (int step = 0; step < kMostAncestors && pid > 1; ++step, pid = parentOf(pid)) {
        const QString theirs = namespaceLink(QStringLiteral("/proc/%1/ns/ipc").arg(pid));
        if (!theirs.isEmpty() && theirs != ours)
            return {};
    }
    return QStringLiteral("not in an IPC namespace of its own: run it as `unshare --ipc %1` (ctest does so as root)")
        .arg(QFile::symLinkTarget(QStringLiteral("/proc/self/exe")));
}
