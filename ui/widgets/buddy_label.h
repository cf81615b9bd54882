// A label whose mnemonic (Alt+letter) moves the focus to its buddy.
#pragma once

#include <QLabel>

inline QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}
