#include "event_log_filter.h"

#include "event_log_model.h"

EventLogFilter::EventLogFilter(QObject *parent) : QSortFilterProxyModel(parent) {}

void EventLogFilter::setKind(std::optional<sockscope::EventKind> kind)
{
    kind_ = kind;
    invalidateRowsFilter();
}

void EventLogFilter::setText(const QString &text)
{
    text_ = text;
    invalidateRowsFilter();
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!kind_ && text_.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    if (kind_) {
        const int kind = model->index(sourceRow, 0, sourceParent).data(EventLogModel::KindRole).toInt();
        if (kind != static_cast<int>(*kind_))
            return false;
    }
    if (text_.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(sourceParent); ++column) {
        if (model->index(sourceRow, column, sourceParent).data(EventLogModel::SearchRole).toString().contains(text_, Qt::CaseInsensitive))
            return true;
    }
    return false;
}
