// What a process must not leave behind, counted from /proc: its open
// descriptors, and children that ended and were never reaped.
#pragma once

#include <QDir>
#include <QFile>
#include <QStringList>

inline int descriptorCount(qint64 pid)
{
    return static_cast<int>(
        QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

/// The children of `pid` that ended and were not reaped (state Z).
inline QStringList zombiesOf(qint64 pid)
{
    QStringList zombies;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[0] == "Z" && fields[1].toLongLong() == pid)
            zombies << entry;
    }
    return zombies;
}
