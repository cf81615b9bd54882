#include "history_combo_box.h"

#include "recent_inputs.h"

#include <QLineEdit>

HistoryComboBox::HistoryComboBox(const QString &field, const QString &placeholder, QWidget *parent)
    : QComboBox(parent), field_(field)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    addItems(RecentInputs(field_).entries());
    setCurrentText(QString());
    lineEdit()->setPlaceholderText(placeholder);
}

void HistoryComboBox::remember()
{
    RecentInputs(field_).remember(currentText().trimmed());
}
