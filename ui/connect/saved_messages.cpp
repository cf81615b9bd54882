#include "saved_messages.h"

#include <QSettings>

SavedMessagesModel::SavedMessagesModel(QString settingsKey, QObject *parent)
    : QAbstractTableModel(parent), settingsKey_(std::move(settingsKey))
{
    QSettings settings;
    const int size = settings.beginReadArray(settingsKey_);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        messages_.append({settings.value(QStringLiteral("name")).toString(),
                          settings.value(QStringLiteral("payload")).toString(),
                          settings.value(QStringLiteral("hex")).toBool(),
                          settings.value(QStringLiteral("target")).toString()});
    }
    settings.endArray();
}

int SavedMessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(messages_.size());
}

int SavedMessagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SavedMessagesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const SavedMessage &message = messages_.at(index.row());
    switch (index.column()) {
    case NameColumn: return message.name;
    case PayloadColumn: return message.hex ? tr("hex: %1").arg(message.payload) : message.payload;
    case TargetColumn: return message.target;
    }
    return {};
}

QVariant SavedMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case PayloadColumn: return tr("Payload");
    case TargetColumn: return tr("Target");
    }
    return {};
}

void SavedMessagesModel::save(const SavedMessage &message)
{
    for (int row = 0; row < messages_.size(); ++row) {
        if (messages_[row].name == message.name) {
            messages_[row] = message;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            store();
            return;
        }
    }
    beginInsertRows({}, static_cast<int>(messages_.size()), static_cast<int>(messages_.size()));
    messages_.append(message);
    endInsertRows();
    store();
}

void SavedMessagesModel::remove(int row)
{
    if (row < 0 || row >= messages_.size())
        return;
    beginRemoveRows({}, row, row);
    messages_.remove(row);
    endRemoveRows();
    store();
}

void SavedMessagesModel::store() const
{
    QSettings settings;
    settings.beginWriteArray(settingsKey_, static_cast<int>(messages_.size()));
    for (int i = 0; i < messages_.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), messages_[i].name);
        settings.setValue(QStringLiteral("payload"), messages_[i].payload);
        settings.setValue(QStringLiteral("hex"), messages_[i].hex);
        settings.setValue(QStringLiteral("target"), messages_[i].target);
    }
    settings.endArray();
}

MessageRepeater::MessageRepeater(QObject *parent) : QObject(parent)
{
    timer_.setTimerType(Qt::PreciseTimer); // 1 ms means 1 ms, not a coarse 5 %
    connect(&timer_, &QTimer::timeout, this, &MessageRepeater::fire);
}

void MessageRepeater::start(const QByteArray &payload, int intervalMs, int count,
                            std::function<bool(const QByteArray &)> deliver)
{
    payload_ = payload;
    deliver_ = std::move(deliver);
    count_ = count;
    sent_ = 0;
    held_ = 0;
    lastSendNs_ = 0;
    clock_.start();
    timer_.start(intervalMs);
    fire();
}

void MessageRepeater::stop()
{
    if (!timer_.isActive())
        return;
    timer_.stop();
    emit progressed();
}

double MessageRepeater::rate() const
{
    return sent_ > 1 && lastSendNs_ > 0 ? (sent_ - 1) * 1e9 / static_cast<double>(lastSendNs_) : 0.0;
}

void MessageRepeater::fire()
{
    if (!deliver_(payload_)) {
        ++held_;
        emit progressed();
        return;
    }
    lastSendNs_ = clock_.nsecsElapsed();
    ++sent_;
    if (count_ != 0 && sent_ >= count_)
        timer_.stop();
    emit progressed();
}
