// ChannelPanel: a pipe, a FIFO or a socketpair made here, with both of its
// ends side by side: write at one, watch the bytes arrive at the other,
// close either. It owns the engine's Channel (or Fifo) and renders the
// events they emit, which also go to the window's log.
#pragma once

#include <sockscope/events/event.h>
#include <sockscope/ipc/channel.h>
#include <sockscope/ipc/fifo.h>

#include <QWidget>
#include <array>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

class ChannelPanel : public QWidget {
    Q_OBJECT
public:
    ChannelPanel(sockscope::Reactor &reactor, sockscope::EventSink &events, QWidget *parent = nullptr);
    ~ChannelPanel() override;

    QComboBox *primitiveInput() const { return primitive_; }
    QPushButton *createButton() const { return create_; }
    QLineEdit *writeInput(int end) const { return ends_[static_cast<std::size_t>(end)].input; }
    QPushButton *writeButton(int end) const { return ends_[static_cast<std::size_t>(end)].write; }
    QPlainTextEdit *receivedView(int end) const { return ends_[static_cast<std::size_t>(end)].received; }

private:
    struct EndView {
        QLabel *title = nullptr;
        QLineEdit *input = nullptr;
        QPushButton *write = nullptr;
        QPushButton *close = nullptr;
        QPlainTextEdit *received = nullptr;
    };
    QWidget *buildEnd(int end);
    sockscope::Channel *channel() const;
    void create();
    void writeAt(int end);
    void seen(const sockscope::Event &event);
    void updateEnds();

    sockscope::Reactor &reactor_;
    sockscope::EventSink &events_;
    sockscope::FunctionSink sink_{[this](const sockscope::Event &event) { seen(event); }};
    int nextId_ = 1;
    std::unique_ptr<sockscope::Fifo> fifo_;
    std::unique_ptr<sockscope::Channel> channel_;

    QComboBox *primitive_;
    QPushButton *create_;
    QLabel *status_;
    std::array<EndView, 2> ends_;
};
