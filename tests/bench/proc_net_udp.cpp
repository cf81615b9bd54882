#include "proc_net_udp.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

std::optional<UdpLine> udpSocket(int port)
{
    QFile file(QStringLiteral("/proc/net/udp"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray want = QByteArray("0100007F:") + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].simplified().split(' ');
        // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
        if (f.size() < 13 || f[1] != want)
            continue;
        UdpLine line;
        line.rxQueue = f[4].split(':').value(1).toULong(nullptr, 16);
        line.inode = f[9].toULong();
        line.drops = f[12].toULongLong();
        return line;
    }
    return std::nullopt;
}

int descriptorOf(unsigned long inode)
{
    const QByteArray want = "socket:[" + QByteArray::number(static_cast<qulonglong>(inode)) + ']';
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int found = -1;
    while (dirent *entry = ::readdir(dir)) {
        char target[64] = {};
        const QByteArray path = QByteArray("/proc/self/fd/") + entry->d_name;
        const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
        if (n > 0 && want == QByteArray(target, static_cast<qsizetype>(n))) {
            found = QByteArray(entry->d_name).toInt();
            break;
        }
    }
    ::closedir(dir);
    return found;
}

int receiveBuffer(int fd)
{
    int value = 0;
    socklen_t length = sizeof value;
    return ::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, &length) == 0 ? value : -1;
}

Capacity bufferCapacity(int payloadBytes)
{
    constexpr int kSent = 4000;
    Capacity capacity;
    const int reader = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int writer = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (reader >= 0 && writer >= 0 && ::bind(reader, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        ::getsockname(reader, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        const std::vector<unsigned char> payload(static_cast<std::size_t>(payloadBytes));
        int sent = 0;
        for (int i = 0; i < kSent; ++i)
            sent += ::sendto(writer, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr *>(&address),
                             sizeof address) == static_cast<ssize_t>(payload.size());
        if (const auto line = udpSocket(ntohs(address.sin_port)); line && sent == kSent) {
            capacity.held = static_cast<unsigned long long>(kSent) - line->drops;
            capacity.bytesQueued = line->rxQueue;
            capacity.ok = true;
        }
    }
    if (reader >= 0)
        ::close(reader);
    if (writer >= 0)
        ::close(writer);
    return capacity;
}
