#include "ipc_tab.h"

#include "channel_panel.h"
#include "descriptor_panel.h"
#include "program_panel.h"
#include "sysv_panel.h"

#include <QTabWidget>
#include <QVBoxLayout>

IpcTab::IpcTab(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent)
    : QWidget(parent),
      pages_(new QTabWidget(this)),
      channels_(new ChannelPanel(reactor, events, pages_)),
      programs_(new ProgramPanel(reactor, events, pages_)),
      descriptors_(new DescriptorPanel(reactor, events, pages_)),
      sysv_(new SysvPanel(reactor, events, pages_))
{
    setObjectName(QStringLiteral("ipcTab"));
    pages_->setDocumentMode(true);
    pages_->addTab(channels_, tr("&Pipes and socket pairs"));
    pages_->addTab(programs_, tr("Pro&grams"));
    pages_->addTab(descriptors_, tr("&Descriptor passing"));
    pages_->addTab(sysv_, tr("S&ystem V"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);
    setFocusProxy(pages_);
}
