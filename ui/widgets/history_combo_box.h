// HistoryComboBox: a text field that remembers what was entered in it
// across runs (RecentInputs under its `field` name), offered in its list.
#pragma once

#include <QComboBox>

class HistoryComboBox : public QComboBox {
    Q_OBJECT
public:
    HistoryComboBox(const QString &field, const QString &placeholder, QWidget *parent = nullptr);

    /// Remembers the current text (trimmed), newest first.
    void remember();

private:
    QString field_;
};
