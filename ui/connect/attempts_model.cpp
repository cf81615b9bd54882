#include "attempts_model.h"

#include "message_catalog.h"
#include "resolve/resolve_text.h"

#include <sockscope/events/error.h>

AttemptsModel::AttemptsModel(QObject *parent) : QAbstractTableModel(parent) {}

void AttemptsModel::setAttempts(std::vector<sockscope::AttemptRecord> attempts, sockscope::TimePoint start)
{
    start_ = start;
    if (attempts.size() == attempts_.size()) {
        attempts_ = std::move(attempts);
        if (!attempts_.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    attempts_ = std::move(attempts);
    endResetModel();
}

int AttemptsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(attempts_.size());
}

int AttemptsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AttemptsModel::outcomeText(const sockscope::AttemptRecord &attempt)
{
    using sockscope::AttemptOutcome;
    switch (attempt.outcome) {
    case AttemptOutcome::Running: return tr("trying");
    case AttemptOutcome::Connected: return tr("connected");
    case AttemptOutcome::TimedOut: return tr("timed out (attempt timeout)");
    case AttemptOutcome::Failed:
        return tr("failed: %1").arg(QString::fromStdString(sockscope::errorName(attempt.error)));
    case AttemptOutcome::Cancelled:
        return tr("cancelled (%1)")
            .arg(QString::fromLatin1(sockscope::cancelReasonName(attempt.cancelled.value_or(sockscope::CancelReason::Stopped)).data()));
    }
    return {};
}

QVariant AttemptsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sockscope::AttemptRecord &attempt = attempts_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn && attempt.error)
        return MessageCatalog::errorMessage(attempt.error);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IndexColumn: return attempt.index;
    case AddressColumn: return QString::fromStdString(attempt.address.toString());
    case FamilyColumn: return ResolveText::familyName(attempt.address.family());
    case StartColumn: return ResolveText::milliseconds(attempt.started - start_);
    case DurationColumn:
        return attempt.ended ? ResolveText::milliseconds(*attempt.ended - attempt.started) : QString();
    case OutcomeColumn: return outcomeText(attempt);
    }
    return {};
}

QVariant AttemptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexColumn: return tr("#");
    case AddressColumn: return tr("Address");
    case FamilyColumn: return tr("Family");
    case StartColumn: return tr("Started (ms)");
    case DurationColumn: return tr("Took (ms)");
    case OutcomeColumn: return tr("Outcome");
    }
    return {};
}
