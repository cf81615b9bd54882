#include "interfaces_tab.h"

#include "models/interfaces_model.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

InterfacesTab::InterfacesTab(QWidget *parent)
    : QWidget(parent), model_(new InterfacesModel(this)), view_(new QTreeView(this))
{
    view_->setObjectName(QStringLiteral("interfacesView"));
    view_->setModel(model_);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->expandAll();
    view_->header()->setSectionResizeMode(InterfacesModel::NameColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(InterfacesModel::AddressColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(InterfacesModel::FlagsColumn, QHeaderView::ResizeToContents);
    view_->header()->setSectionResizeMode(InterfacesModel::ScopeColumn, QHeaderView::ResizeToContents);
    connect(model_, &QAbstractItemModel::modelReset, view_, &QTreeView::expandAll);

    auto *copy = new QAction(tr("Copy"), view_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &InterfacesTab::copyAddress);
    view_->addAction(copy);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *refresh = new QPushButton(tr("Refresh"), this);
    connect(refresh, &QPushButton::clicked, model_, &InterfacesModel::refresh);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(view_);
    layout->addLayout(buttons);
}

void InterfacesTab::copyAddress()
{
    const QString text = view_->currentIndex().siblingAtColumn(0).data(InterfacesModel::CopyRole).toString();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}
