#include "recent_inputs.h"

#include <QSettings>

RecentInputs::RecentInputs(QString field, int limit) : field_(std::move(field)), limit_(limit) {}

QString RecentInputs::key() const
{
    return QStringLiteral("recent/") + field_;
}

QStringList RecentInputs::entries() const
{
    return QSettings().value(key()).toStringList();
}

void RecentInputs::remember(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    QStringList list = entries();
    list.removeAll(text);
    list.prepend(text);
    while (list.size() > limit_)
        list.removeLast();
    QSettings().setValue(key(), list);
}
