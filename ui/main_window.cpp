#include "main_window.h"

#include "log.h"
#include "models/event_log_model.h"
#include "models/event_stats_model.h"
#include "resolve/resolve_tab.h"
#include "tabs/interfaces_tab.h"
#include "tabs/pending_tab.h"
#include "widgets/event_log_dock.h"

#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

MainWindow::MainWindow(sockscope::Reactor &reactor, sockscope::TimePoint start, QWidget *parent)
    : QMainWindow(parent),
      log_(new EventLogModel(start, 50000, this)),
      stats_(new EventStatsModel(start, this)),
      logDock_(new EventLogDock(log_, stats_, this)),
      tabs_(new QTabWidget(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Sockscope"));
    events_.add(log_);
    events_.add(stats_);
    buildTabs(reactor);
    setCentralWidget(tabs_);
    addDockWidget(Qt::BottomDockWidgetArea, logDock_);
    buildMenus();
    statusBar()->showMessage(tr("Ready"));
    restoreSettings();
    if (QWidget *page = tabs_->currentWidget())
        page->setFocus();
}

MainWindow::~MainWindow()
{
    events_.remove(log_);
    events_.remove(stats_);
}

void MainWindow::buildTabs(sockscope::Reactor &reactor)
{
    tabs_->setObjectName(QStringLiteral("mainTabs"));
    tabs_->addTab(new ResolveTab(reactor, events_, tabs_), tr("Resolve"));
    tabs_->addTab(new PendingTab(tr("Connecting is not built yet: it arrives with the connector."), tabs_),
                  tr("Connect"));
    tabs_->addTab(new PendingTab(tr("Servers are not built yet: they arrive with the listeners."), tabs_),
                  tr("Servers"));
    tabs_->addTab(new PendingTab(tr("The IPC lab is not built yet: it arrives with pipes and sockets."), tabs_),
                  tr("IPC"));
    tabs_->addTab(new PendingTab(tr("Signal watching is not built yet: it arrives with the signal lab."), tabs_),
                  tr("Signals"));
    tabs_->addTab(new InterfacesTab(tabs_), tr("Interfaces"));
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Export event log…"), logDock_, &EventLogDock::exportWithDialog);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(logDock_->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sockscope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
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
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 720);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
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
    qCInfo(lcUi) << "window shown";
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}
