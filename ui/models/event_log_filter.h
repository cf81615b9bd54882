// EventLogFilter: shows the event log's rows of one kind and/or containing
// a piece of text (case-insensitive, in any column).
#pragma once

#include <sockscope/events/event.h>

#include <QSortFilterProxyModel>
#include <optional>

class EventLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventLogFilter(QObject *parent = nullptr);

    void setKind(std::optional<sockscope::EventKind> kind);
    void setText(const QString &text);
    /// Whether some rows may be hidden (a kind or a text is set).
    bool active() const { return kind_.has_value() || !text_.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<sockscope::EventKind> kind_;
    QString text_;
};
