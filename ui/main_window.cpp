#include "main_window.h"
#include "ipc/ipc_tab.h"
#include "signals/signal_hub.h"
#include "signals/signals_tab.h"

#include "log.h"
#include "message_catalog.h"
#include "models/event_log_model.h"
#include "models/event_stats_model.h"
#include "connect/connect_tab.h"
#include "resolve/resolve_tab.h"
#include "serve/servers_tab.h"
#include "tabs/interfaces_tab.h"
#include "widgets/event_log_dock.h"

#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <utility>

MainWindow::MainWindow(sockscope::Reactor &reactor, sockscope::TimePoint start, QWidget *parent)
    : QMainWindow(parent),
      log_(new EventLogModel(start, 50000, this)),
      stats_(new EventStatsModel(start, this)),
      logDock_(new EventLogDock(log_, stats_, this)),
      tabs_(new QTabWidget(this)),
      signalHub_(new SignalHub(reactor, events_, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Sockscope"));
    events_.add(log_);
    events_.add(stats_);
    // The log opens as a --json stream does, so an export reads like one.
    std::vector<std::string> argv;
    for (const QString &argument : QCoreApplication::arguments())
        argv.push_back(argument.toStdString());
    events_.onEvent(sockscope::runStartEvent(start, QCoreApplication::applicationVersion().toStdString(), argv));
    buildTabs(reactor);
    setCentralWidget(tabs_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock_);
    buildMenus();
    buildShortcuts();
    connect(logDock_, &EventLogDock::reported, this, [this](const QString &message) { statusBar()->showMessage(message); });
    statusBar()->showMessage(tr("Ready"));
    restoreSettings();
    if (QWidget *page = tabs_->currentWidget())
        page->setFocus();
}

// The tabs own the engines that write into events_, a member: they go
// first, before the members they refer to (QObject would delete its
// children only after the members are gone).
MainWindow::~MainWindow()
{
    delete tabs_;
    events_.remove(log_);
    events_.remove(stats_);
}

void MainWindow::buildTabs(sockscope::Reactor &reactor)
{
    tabs_->setObjectName(QStringLiteral("mainTabs"));
    auto *resolve = new ResolveTab(reactor, events_, tabs_);
    auto *connectTab = new ConnectTab(reactor, events_, tabs_);
    connect(resolve, &ResolveTab::connectRequested, this, [this, connectTab](const QString &targets) {
        tabs_->setCurrentWidget(connectTab);
        connectTab->connectTo(targets);
    });
    tabs_->addTab(resolve, tr("Resolve"));
    tabs_->addTab(connectTab, tr("Connect"));
    tabs_->addTab(new ServersTab(reactor, events_, tabs_), tr("Servers"));
    tabs_->addTab(new IpcTab(reactor, events_, tabs_), tr("IPC"));
    tabs_->addTab(new SignalsTab(*signalHub_, reactor, events_, tabs_), tr("Signals"));
    tabs_->addTab(new InterfacesTab(tabs_), tr("Interfaces"));
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open event log…"), logDock_, &EventLogDock::openWithDialog);
    open->setShortcut(QKeySequence::Open);
    QAction *exportLog = file->addAction(tr("&Export event log…"), logDock_, &EventLogDock::exportWithDialog);
    exportLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(logDock_->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

// Shortcuts that work from every widget of the window, the log dock too.
void MainWindow::buildShortcuts()
{
    auto *focusTarget = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    connect(focusTarget, &QShortcut::activated, this, [this] {
        if (QWidget *page = tabs_->currentWidget())
            page->setFocus(Qt::ShortcutFocusReason); // each tab's focus proxy is its target field
    });
    auto *next = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab), this);
    connect(next, &QShortcut::activated, this,
            [this] { tabs_->setCurrentIndex((tabs_->currentIndex() + 1) % tabs_->count()); });
    auto *previous = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), this);
    connect(previous, &QShortcut::activated, this,
            [this] { tabs_->setCurrentIndex((tabs_->currentIndex() + tabs_->count() - 1) % tabs_->count()); });
}

void MainWindow::showLoopFailure(std::error_code error)
{
    const QString text = tr("The engine's event loop failed (%1): no further events will arrive. Save the log "
                            "and restart Sockscope.")
                             .arg(MessageCatalog::errorMessage(error));
    statusBar()->showMessage(text);
    QMessageBox::critical(this, tr("Event loop failed"), text);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Sockscope"),
                       tr("<b>Sockscope %1</b><p>An inspector for network connections and local IPC: "
                          "every attempt, every address, every descriptor, live.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // 1100x720, or less where the screen is smaller (800x600 laptops).
        const QSize room = screen() ? screen()->availableSize() * 9 / 10 : QSize(1100, 720);
        resize(QSize(1100, 720).boundedTo(room));
    }
    firstLayout_ = !restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    tabs_->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), tabs_->currentIndex());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Without a saved layout the log takes a third of the height, so the
    // tab above keeps room for its results from 800x600 up.
    if (std::exchange(firstLayout_, false))
        resizeDocks({logDock_}, {height() / 3}, Qt::Vertical);
    qCInfo(lcUi) << "window shown";
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}
