// InterfacesTab: the machine's interfaces and addresses (QNetworkInterface),
// with a way to copy an address for use elsewhere.
#pragma once

#include <QWidget>

class InterfacesModel;
class QTreeView;

class InterfacesTab : public QWidget {
    Q_OBJECT
public:
    explicit InterfacesTab(QWidget *parent = nullptr);

    InterfacesModel *model() const { return model_; }
    QTreeView *view() const { return view_; }

private:
    void copyAddress();

    InterfacesModel *model_;
    QTreeView *view_;
};
