// RecentInputs: what a person typed into a field, remembered across runs.
//
// Kept in QSettings under "recent/<field>", newest first, without
// duplicates, at most `limit` entries.
#pragma once

#include <QString>
#include <QStringList>

class RecentInputs {
public:
    static constexpr int kLimit = 20;

    explicit RecentInputs(QString field, int limit = kLimit);

    QStringList entries() const;
    /// Moves `text` to the front (adding it if new) and saves.
    void remember(const QString &text);

private:
    QString key() const;

    QString field_;
    int limit_;
};
