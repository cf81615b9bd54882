// TestNamespace: a network namespace a test builds for itself.
//
// Named sockscope-t<pid>-<what> (TESTBED.md); at creation, namespaces of
// test processes that are gone (killed by ctest's TIMEOUT, say) are deleted
// with their /etc/netns folders. Files written with writeEtc() replace
// /etc/<file> for commands run inside (`ip netns exec` bind-mounts them), so
// the test controls name resolution completely. Helpers started inside die
// with the test (PR_SET_PDEATHSIG) and are killed by PID when it ends.
#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class TestNamespace {
public:
    /// Why namespaces cannot be made here (not root, no `ip`), or empty.
    static QString unavailableReason();
    /// Deletes the namespaces of test processes that no longer run.
    static void removeStale();

    explicit TestNamespace(const QString &what);
    ~TestNamespace();
    TestNamespace(const TestNamespace &) = delete;
    TestNamespace &operator=(const TestNamespace &) = delete;

    /// Creates the namespace with `lo` up. On failure returns false and says why.
    bool create(QString *error);
    QString name() const { return name_; }

    /// Writes /etc/netns/<name>/<file>; do it before running anything inside.
    bool writeEtc(const QString &file, const QByteArray &content);
    /// Runs `ip -n <name> args...` (addresses, links); false on failure.
    bool ip(const QStringList &args, QString *error = nullptr);
    /// Runs `command` inside and waits (bounded); returns its exit status,
    /// or -1 if it could not run or timed out.
    int run(const QStringList &command, QByteArray *out = nullptr, QByteArray *err = nullptr,
            const QStringList &environment = {}, int timeoutMs = 60000);
    /// Starts `command` inside and leaves it running (a server, a responder);
    /// it is killed when this object goes. Returns null if it did not start.
    QProcess *start(const QStringList &command, const QStringList &environment = {});
    /// The command line that runs `command` inside (for callers that start
    /// their own QProcess).
    QStringList wrap(const QStringList &command, const QStringList &environment = {}) const;

private:
    QString name_;
    bool created_ = false;
    QList<QProcess *> helpers_;
};

/// For a test binary whose cases must run inside a namespace: builds it
/// with `setup`, then runs this same binary inside it (with
/// SOCKSCOPE_TEST_NAMESPACE set) and returns its exit status. Returns -1
/// when already inside (the caller then runs its tests).
int reexecInsideNamespace(int argc, char **argv, const QString &what,
                          const std::function<bool(TestNamespace &, QString *)> &setup);
/// Inside a namespace made by reexecInsideNamespace, its name; else empty.
QString currentTestNamespace();
/// Starts tests/tools/slow_dns.py inside `ns` and waits for it to listen.
bool startSlowDns(TestNamespace &ns, double delaySeconds, const QString &logFile, QString *error,
                  const QStringList &extra = {});
