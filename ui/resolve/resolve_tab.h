// ResolveTab: type a host (and service), see every address the system
// resolver returns in its order, the connect order beside it, reverse names
// as they arrive, and what shaped the answer.
#pragma once

#include <sockscope/resolve/lookup.h>

#include <QWidget>

class HistoryComboBox;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTextBrowser;
class ResolveController;
class ResolveResultsModel;

namespace sockscope {
class EventSink;
class Reactor;
} // namespace sockscope

class ResolveTab : public QWidget {
    Q_OBJECT
public:
    ResolveTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);

    HistoryComboBox *targetInput() const { return target_; }
    QPushButton *resolveButton() const { return resolveButton_; }
    QTableView *resultsView() const { return results_; }
    ResolveResultsModel *resultsModel() const { return model_; }
    QLabel *errorLabel() const { return error_; }
    QLabel *statusLabel() const { return status_; }
    QTextBrowser *explanationView() const { return explanation_; }
    QLabel *connectOrderLabel() const { return connectOrder_; }
    QComboBox *preferInput() const { return prefer_; }
    ResolveController *controller() const { return controller_; }

public slots:
    void resolve();

signals:
    /// The person chose to connect: one target, or the whole answer as
    /// addresses separated by spaces, in connect order.
    void connectRequested(const QString &targets);

private:
    QWidget *makeQueryRow();
    QWidget *makeHintsRow();
    QWidget *makeFlagsRow();
    void showInputError(const QString &message, int position, int length);
    void showResult(const sockscope::Lookup &lookup);
    void showExplanation(const sockscope::Lookup &lookup);
    void selectService(const sockscope::Lookup &lookup);
    sockscope::LookupOptions lookupOptions(bool &ok);
    void copySelection();
    void connectToSelection(bool wholeAnswer);
    bool readHints(sockscope::ResolveHints &hints, std::string &protocolName);

    ResolveController *controller_;
    ResolveResultsModel *model_;
    HistoryComboBox *target_;
    QPushButton *resolveButton_;
    QPushButton *cancelButton_;
    QComboBox *family_;
    QComboBox *type_;
    QLineEdit *protocol_;
    QComboBox *prefer_;
    QSpinBox *firstFamilyCount_;
    QCheckBox *reverse_;
    QCheckBox *nameRequired_;
    QList<QPair<QAction *, int>> flags_;
    QLabel *error_;
    QLabel *status_;
    QTableView *results_;
    QTextBrowser *explanation_;
    QLabel *connectOrder_;
};
