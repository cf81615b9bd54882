#include "pending_tab.h"

#include <QLabel>
#include <QVBoxLayout>

PendingTab::PendingTab(const QString &message, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(message, this);
    label->setObjectName(QStringLiteral("pendingMessage"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setEnabled(false);
    layout->addWidget(label);
}
