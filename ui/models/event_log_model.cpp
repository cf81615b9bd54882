#include "event_log_model.h"

#include "message_catalog.h"
#include "resolve/resolve_text.h"

#include <sockscope/events/error.h>
#include <sockscope/events/json_lines.h>

#include <QLocale>
#include <QTimer>
#include <chrono>
#include <cmath>

using sockscope::Event;

namespace {

std::size_t payloadSize(const sockscope::Event &event)
{
    return event.payload ? event.payload->size() : 0;
}

} // namespace

EventLogModel::EventLogModel(sockscope::TimePoint start, int capacity, QObject *parent)
    : QAbstractTableModel(parent), start_(start),
      wallStart_(QDateTime::currentDateTime().addMSecs(
          -std::chrono::duration_cast<std::chrono::milliseconds>(sockscope::Clock::now() - start).count())),
      capacity_(std::max(capacity, 1))
{
    ring_.resize(static_cast<std::size_t>(capacity_));
}

void EventLogModel::onEvent(const Event &event)
{
    ++received_;
    pending_.push_back(event);
    if (flushQueued_)
        return;
    flushQueued_ = true;
    const qint64 sinceLast = lastFlush_.isValid() ? lastFlush_.elapsed() : kFlushIntervalMs;
    QTimer::singleShot(std::max<qint64>(kFlushIntervalMs - sinceLast, 0), this, &EventLogModel::flush);
}

void EventLogModel::flush()
{
    flushQueued_ = false;
    lastFlush_.start();
    if (pending_.empty())
        return;
    const quint64 droppedBefore = dropped_;
    auto first = pending_.begin();
    // More events than the whole ring: only the newest `capacity_` survive.
    if (pending_.size() > static_cast<std::size_t>(capacity_)) {
        const auto skip = pending_.size() - static_cast<std::size_t>(capacity_);
        dropped_ += skip;
        first += static_cast<std::ptrdiff_t>(skip);
    }
    const int incoming = static_cast<int>(pending_.end() - first);
    std::size_t incomingBytes = 0;
    for (auto it = first; it != pending_.end(); ++it)
        incomingBytes += payloadSize(*it);
    // The oldest rows give way to the count first, then to the byte budget.
    int overflow = std::max(size_ + incoming - capacity_, 0);
    std::size_t kept = payloadBytes_;
    for (int row = 0; row < overflow; ++row)
        kept -= payloadSize(event(row));
    while (overflow < size_ && kept + incomingBytes > payloadBudget_)
        kept -= payloadSize(event(overflow++));
    if (overflow > 0)
        dropOldest(overflow);
    payloadBytes_ += incomingBytes;
    beginInsertRows({}, size_, size_ + incoming - 1);
    for (auto it = first; it != pending_.end(); ++it)
        ring_[static_cast<std::size_t>(slot(size_++))] = std::move(*it);
    endInsertRows();
    pending_.clear();
    if (dropped_ != droppedBefore)
        emit droppedChanged(dropped_);
}

void EventLogModel::dropOldest(int count)
{
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        payloadBytes_ -= payloadSize(ring_[static_cast<std::size_t>(slot(i))]);
        ring_[static_cast<std::size_t>(slot(i))] = Event{};
    }
    head_ = slot(count);
    size_ -= count;
    dropped_ += static_cast<quint64>(count);
    endRemoveRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    ring_.assign(static_cast<std::size_t>(capacity_), Event{});
    pending_.clear();
    payloadBytes_ = 0;
    head_ = 0;
    size_ = 0;
    received_ = 0;
    dropped_ = 0;
    endResetModel();
    emit droppedChanged(0);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size_;
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Event &EventLogModel::event(int row) const
{
    return ring_[static_cast<std::size_t>(slot(row))];
}

QByteArray EventLogModel::jsonLine(int row) const
{
    return QByteArray::fromStdString(sockscope::formatJsonLine(event(row), start_, MessageCatalog::formatter()));
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event &e = event(index.row());
    if (role == KindRole)
        return static_cast<int>(e.kind);
    if (role == Qt::TextAlignmentRole && index.column() == TimeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SearchRole)
        return {};
    switch (index.column()) {
    case TimeColumn: {
        const double ms = std::chrono::duration<double, std::milli>(e.time - start_).count();
        if (role == Qt::ToolTipRole)
            return tr("%1 ms after the start").arg(QLocale().toString(ms, 'f', 3));
        return QLocale().toString(wallStart_.addMSecs(static_cast<qint64>(std::floor(ms))).time(),
                                  QStringLiteral("HH:mm:ss.zzz"));
    }
    case KindColumn:
        return MessageCatalog::eventKindLabel(e.kind);
    case WhereColumn:
        return where(e);
    case DetailColumn: {
        const QString text = detail(e);
        if (role != Qt::DisplayRole || text.size() <= kShownDetail)
            return text;
        return text.left(kShownDetail - 1) + QChar(0x2026); // shaping long text at every repaint is what floods cost
    }
    }
    return {};
}

QString EventLogModel::where(const Event &e) const
{
    if (!e.path.empty())
        return QString::fromStdString(e.path);
    if (e.address.empty() && e.peer && e.target.empty())
        return tr("peer %1").arg(*e.peer); // a server's peer, named by its number
    if (e.address.empty())
        return QString::fromStdString(e.target);
    return MessageCatalog::endpointText(e);
}

QString EventLogModel::detail(const Event &e) const
{
    QStringList parts;
    QStringList kind; // "inet6 stream tcp": what sort of address a row is about
    if (e.family)
        kind << ResolveText::familyName(*e.family);
    if (e.socktype)
        kind << QString::fromLatin1(sockscope::socketTypeName(*e.socktype).data());
    if (e.protocol && *e.protocol != 0)
        kind << ResolveText::protocolName(*e.protocol);
    if (!kind.isEmpty())
        parts << kind.join(QLatin1Char(' '));
    if (e.input)
        parts << MessageCatalog::inputErrorMessage(*e.input);
    if (e.error) {
        parts << QStringLiteral("%1: %2").arg(QString::fromStdString(sockscope::errorName(e.error)),
                                               MessageCatalog::errorMessage(e.error));
    }
    if (e.elapsed)
        parts << tr("%1 ms").arg(ResolveText::milliseconds(*e.elapsed));
    if (e.bytes)
        parts << tr("%1 B").arg(*e.bytes);
    if (e.payload)
        parts << QString::fromStdString(sockscope::printablePreview(*e.payload, 64));
    if (e.peer)
        parts << tr("peer %1").arg(*e.peer);
    if (e.signal)
        parts << QString::fromStdString(sockscope::signalName(*e.signal));
    if (e.pid)
        parts << tr("pid %1").arg(*e.pid);
    if (e.status)
        parts << tr("status %1").arg(*e.status);
    for (const auto &[key, value] : e.extra)
        parts << tr("%1: %2").arg(MessageCatalog::fieldName(QString::fromStdString(key)), extraText(value));
    return parts.join(QStringLiteral(" · "));
}

QString EventLogModel::extraField(const sockscope::Event &event, const char *key)
{
    for (const auto &[name, value] : event.extra) {
        if (name == key)
            return extraText(value);
    }
    return {};
}

QString EventLogModel::extraText(const sockscope::ExtraValue &value)
{
    return std::visit(
        [](const auto &v) -> QString {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return QString::fromStdString(v);
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? QStringLiteral("true") : QStringLiteral("false");
            } else if constexpr (std::is_same_v<T, std::error_code>) {
                return QStringLiteral("%1: %2").arg(QString::fromStdString(sockscope::errorName(v)),
                                                    MessageCatalog::errorMessage(v));
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                QStringList items;
                for (const std::string &item : v)
                    items << QString::fromStdString(item);
                return items.join(QStringLiteral(", "));
            } else if constexpr (std::is_same_v<T, sockscope::ExtraObjects>) {
                QStringList objects;
                for (const sockscope::ExtraObject &object : v) {
                    QStringList fields;
                    for (const auto &[key, field] : object.fields)
                        fields << tr("%1: %2").arg(MessageCatalog::fieldName(QString::fromStdString(key)), extraText(field));
                    objects << QLatin1Char('(') + fields.join(QStringLiteral(", ")) + QLatin1Char(')');
                }
                return objects.join(QLatin1Char(' '));
            } else {
                return QString::number(v);
            }
        },
        value);
}

sockscope::TimePoint EventLogModel::timeFromWallClock(const Event &runStart) const
{
    for (const auto &[key, value] : runStart.extra) {
        const auto *text = std::get_if<std::string>(&value);
        if (key != "time" || !text)
            continue;
        const QDateTime wall = QDateTime::fromString(QString::fromStdString(*text), Qt::ISODateWithMs);
        if (wall.isValid())
            return start_ + std::chrono::milliseconds(wallStart_.msecsTo(wall));
    }
    return runStart.time;
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Event");
    case WhereColumn: return tr("Where");
    case DetailColumn: return tr("Detail");
    }
    return {};
}
