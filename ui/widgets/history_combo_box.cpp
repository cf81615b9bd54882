#include "history_combo_box.h"

#include "recent_inputs.h"

#include <QCompleter>
#include <QAbstractItemView>
#include <QLineEdit>

HistoryComboBox::HistoryComboBox(const QString &field, const QString &placeholder, QWidget *parent)
    : QComboBox(parent), field_(field)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    addItems(RecentInputs(field_).entries());
    setCurrentText(QString());
    lineEdit()->setPlaceholderText(placeholder);
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    completer()->setCaseSensitivity(Qt::CaseSensitive);
    connect(lineEdit(), &QLineEdit::returnPressed, this, &HistoryComboBox::submit);
}

void HistoryComboBox::submit()
{
    // With its popup open, QCompleter hands the same Return to the line edit
    // a second time: one key press, one submission. The flag drops when the
    // event loop turns, as it does between two key presses.
    if (submitting_)
        return;
    submitting_ = true;
    QMetaObject::invokeMethod(this, [this] { submitting_ = false; }, Qt::QueuedConnection);
    completer()->popup()->hide();
    emit submitted(currentText());
}

void HistoryComboBox::remember(const QString &text)
{
    const QString entry = text.trimmed();
    if (entry.isEmpty())
        return;
    RecentInputs(field_).remember(entry);
    const QString editing = currentText();
    const QSignalBlocker quiet(this);
    if (const int existing = findText(entry, Qt::MatchExactly); existing >= 0)
        removeItem(existing);
    insertItem(0, entry);
    while (count() > RecentInputs::kLimit)
        removeItem(count() - 1);
    setCurrentIndex(-1);
    setEditText(editing);
}
