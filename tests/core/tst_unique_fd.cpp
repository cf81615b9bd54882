#include <sockscope/reactor/unique_fd.h>

#include <QTest>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using sockscope::UniqueFd;

namespace {
bool isOpen(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1;
}
bool hasFlags(int fd)
{
    return (::fcntl(fd, F_GETFD) & FD_CLOEXEC) && (::fcntl(fd, F_GETFL) & O_NONBLOCK);
}
} // namespace

class TestUniqueFd : public QObject {
    Q_OBJECT
private slots:
    void closesOnDestruction()
    {
        int raw;
        {
            UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
            raw = fd.get();
            QVERIFY(isOpen(raw));
        }
        QVERIFY(!isOpen(raw));
    }

    void moveTransfersOwnershipAndClosesOnce()
    {
        UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        const int raw = a.get();
        UniqueFd b(std::move(a));
        QVERIFY(!a.valid());
        QCOMPARE(b.get(), raw);
        UniqueFd c;
        c = std::move(b);
        QCOMPARE(c.get(), raw);
        QVERIFY(isOpen(raw));
        c.reset();
        QVERIFY(!isOpen(raw));
        c.reset(); // closing an empty handle is a no-op
    }

    void moveAssignClosesThePreviousDescriptor()
    {
        UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        UniqueFd b(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        const int oldB = b.get();
        b = std::move(a);
        QVERIFY(!isOpen(oldB) || oldB == b.get());
    }

    void releaseKeepsTheDescriptorOpen()
    {
        UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        const int raw = a.release();
        QVERIFY(!a.valid());
        QVERIFY(isOpen(raw));
        ::close(raw);
    }

    void pipesAndPairsAreCloexecNonblocking()
    {
        sockscope::PipeEnds pipe;
        QVERIFY(!sockscope::makePipe(pipe));
        QVERIFY(hasFlags(pipe.read.get()));
        QVERIFY(hasFlags(pipe.write.get()));
        for (int type : {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET}) {
            UniqueFd a, b;
            QVERIFY(!sockscope::makeSocketPair(type, a, b));
            QVERIFY(hasFlags(a.get()));
            QVERIFY(hasFlags(b.get()));
        }
    }

    void descriptorCountSeesOpenAndClose()
    {
        const int before = sockscope::openDescriptorCount();
        QVERIFY(before >= 3);
        {
            sockscope::PipeEnds pipe;
            QVERIFY(!sockscope::makePipe(pipe));
            QCOMPARE(sockscope::openDescriptorCount(), before + 2);
        }
        QCOMPARE(sockscope::openDescriptorCount(), before);
    }
};

QTEST_GUILESS_MAIN(TestUniqueFd)
#include "tst_unique_fd.moc"
