// /proc/net/udp for the UDP flood benchmark: a loopback socket's line (its
// queue and the kernel's drop count), the descriptor of this process that
// holds a socket, SO_RCVBUF, and how many datagrams the default receive
// buffer holds before the kernel drops.
#pragma once

#include <optional>

struct UdpLine {
    unsigned long inode = 0;
    unsigned long rxQueue = 0; // bytes queued (the kernel's truesize accounting)
    unsigned long long drops = 0;
};

// The line of the IPv4 UDP socket bound to 127.0.0.1:`port`.
std::optional<UdpLine> udpSocket(int port);

// The descriptor of this process that holds socket `inode`, or -1.
int descriptorOf(unsigned long inode);

/// SO_RCVBUF of `fd`, or -1.
int receiveBuffer(int fd);

// How many of our datagrams a socket with the default receive buffer holds
// before the kernel drops: `sent` datagrams to a socket nobody reads, its
// queue and drops then read from /proc/net/udp. That, over the rate, is
// how long a reader may be away before datagrams are lost.
struct Capacity {
    unsigned long long held = 0;
    unsigned long bytesQueued = 0; // rx_queue: the kernel's per-datagram cost included
    bool ok = false;
};

/// Measured with datagrams of `payloadBytes`.
Capacity bufferCapacity(int payloadBytes);
