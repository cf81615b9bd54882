// `sockscope ipc shm|sem|msg`: the command's insides, shared by its files:
// ipc_sysv_command.cpp (running it: an action on an object named by its
// id, so one invocation can use what another created, and the events in
// words), ipc_sysv_options.cpp (reading the action, its words and the
// options) and ipc_sysv_round_trips.cpp (with no action: create, use,
// remove and check). Not a public header.
#pragma once

#include "command_context.h"

#include <sockscope/ipc/sysv_objects.h>

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

// One invocation of `ipc shm|sem|msg`: made for its kind, run() once. Its
// SysvObjects registry lives for the run: what it still owns (not an
// object `create` left on purpose) is removed when run() ends.
class SysvCommand {
    Q_DECLARE_TR_FUNCTIONS(SysvCommand)
public:
    explicit SysvCommand(sockscope::SysvKind kind)
        : kind_(kind), context_(QStringLiteral("ipc ") + QString::fromLatin1(sockscope::sysvKindName(kind).data()))
    {
    }
    int run(const QStringList &arguments);

private:
    std::optional<sockscope::InputError> readOptions(const QCommandLineParser &parser);
    std::optional<sockscope::InputError> readAction(const QStringList &words);
    std::optional<sockscope::InputError> readData(const QString &text, bool hex);
    std::optional<sockscope::InputError> readSemaphoreOps(const QStringList &words);
    int act();
    int roundTrip();
    bool sharedMemoryRoundTrip();
    bool semaphoreRoundTrip();
    bool messageRoundTrip();
    // A completion that keeps the outcome in `slot` and ends the wait for it.
    sockscope::SysvObjects::Completion keepIn(std::optional<sockscope::SysvOutcome> &slot);
    // Runs the loop until `slot` is filled (by keepIn's completion), a signal
    // ends us, or `limit` passes.
    void runWhileWaiting(const std::optional<sockscope::SysvOutcome> &slot, std::chrono::milliseconds limit);
    // For what no event tells (a worker waiting inside msgrcv): looked at
    // every 20 ms while the loop runs, up to `limit`.
    bool pollUntil(const std::function<bool()> &done, std::chrono::milliseconds limit);
    // The end of what `started` began, its outcome kept in `slot` by keepIn,
    // waited for up to `limit`. One cut short (a signal, the limit) is
    // cancelled and its ECANCELED waited for, so no completion is left
    // pointing at `slot`. True when it succeeded.
    bool finishWaiting(const sockscope::SysvOutcome &started, std::optional<sockscope::SysvOutcome> &slot,
                       std::chrono::milliseconds limit);
    // --max-seconds, or a year.
    std::chrono::milliseconds waitLimit() const;
    void verified(const char *check, bool ok);
    void show(const sockscope::Event &event);

    sockscope::SysvKind kind_;
    CommandContext context_;
    std::unique_ptr<sockscope::FunctionSink> text_;
    std::unique_ptr<sockscope::SysvObjects> objects_;
    QString action_;
    int id_ = -1;
    sockscope::SysvCreate create_;
    long size_ = 4096;
    long count_ = 1;
    long offset_ = 0;
    long length_ = 0;
    long number_ = 0;
    long value_ = 0;
    long messageType_ = 0;
    long maxBytes_ = 8192;
    long maxSeconds_ = 0; // 0: wait until done or interrupted
    int flags_ = 0;
    bool hex_ = false;
    std::vector<unsigned char> data_;
    std::vector<sockscope::SemaphoreOp> ops_;
    bool allOk_ = true;
    bool waiting_ = false; // the loop runs for an outcome (runWhileWaiting)
    // A cancelled semop ends at its worker's next 0.1 s slice.
    static constexpr std::chrono::milliseconds kMostForCancel{1000};
};
