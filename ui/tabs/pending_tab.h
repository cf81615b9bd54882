// PendingTab: the place of a tab whose engine is not built yet. It says so
// in one line instead of showing controls that do nothing.
#pragma once

#include <QWidget>

class PendingTab : public QWidget {
    Q_OBJECT
public:
    PendingTab(const QString &message, QWidget *parent = nullptr);
};
