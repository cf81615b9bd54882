// HistoryComboBox: a text field that remembers what was entered in it
// across runs (RecentInputs under its `field` name), offered in its list.
//
// Earlier entries are suggested in a popup as one types, never completed
// inline: Enter submits exactly what was typed, not a suggestion's
// selected tail ("localhost" must not become "localhost:http").
#pragma once

#include <QComboBox>

class HistoryComboBox : public QComboBox {
    Q_OBJECT
public:
    HistoryComboBox(const QString &field, const QString &placeholder, QWidget *parent = nullptr);

    /// Remembers `text` (trimmed), newest first, in the list at once and
    /// across runs; the text being edited stays as it is.
    void remember(const QString &text);

signals:
    /// Enter was pressed: `text` is exactly what was typed, or the
    /// suggestion picked with the arrow keys. Once per key press.
    void submitted(const QString &text);

private:
    void submit();

    QString field_;
    bool submitting_ = false;
};
