// Saved messages, as Packet Sender's users rely on: a name, a payload
// (text with escapes, or hex) and the target it was made for, kept in the
// settings. SavedMessagesModel lists them (it owns no socket);
// MessageRepeater sends one at an interval, for a count or until stopped,
// and says the rate it actually achieved.
#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>
#include <functional>

struct SavedMessage {
    QString name;
    QString payload;
    bool hex = false;
    QString target;
};

class SavedMessagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PayloadColumn, TargetColumn, ColumnCount };

    /// Reads the list kept under `settingsKey`.
    explicit SavedMessagesModel(QString settingsKey, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const SavedMessage &message(int row) const { return messages_.at(row); }
    /// Adds `message`, or replaces the one of the same name; kept at once.
    void save(const SavedMessage &message);
    void remove(int row);

private:
    void store() const;

    QString settingsKey_;
    QVector<SavedMessage> messages_;
};

class MessageRepeater : public QObject {
    Q_OBJECT
public:
    explicit MessageRepeater(QObject *parent = nullptr);

    /// Sends `payload` now and then every `intervalMs`, `count` times in
    /// all (0: until stopped). `deliver` sends one and says whether it was
    /// taken; a tick it refuses (the peer is not reading) is counted as
    /// held, so a peer that stops reading cannot make the queue grow.
    void start(const QByteArray &payload, int intervalMs, int count, std::function<bool(const QByteArray &)> deliver);
    void stop();
    bool running() const { return timer_.isActive(); }
    int sent() const { return sent_; }
    /// Ticks at which the payload was not taken.
    int held() const { return held_; }
    /// Messages a second actually achieved since the start.
    double rate() const;

signals:
    /// After each tick, and once stopped.
    void progressed();

private:
    void fire();

    QTimer timer_;
    QElapsedTimer clock_;
    QByteArray payload_;
    qint64 lastSendNs_ = 0; // since the start: the rate is over the sends, not the idle time after
    std::function<bool(const QByteArray &)> deliver_;
    int count_ = 0;
    int sent_ = 0;
    int held_ = 0;
};
