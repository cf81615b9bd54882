/* udp_flood_sender: datagrams to 127.0.0.1:PORT at a steady rate, for the
 * benchmark of the window under a UDP flood (bench_udp_window).
 *
 *   udp_flood_sender PORT RATE SECONDS [PAYLOAD_BYTES]
 *
 * Every millisecond (an absolute CLOCK_MONOTONIC deadline, clock_nanosleep)
 * it sends, with sendmmsg, as many datagrams as the rate calls for by then,
 * so a late wake-up is caught up at the next one rather than lost. Each
 * datagram is PAYLOAD_BYTES long (64 by default, at least 8) and begins
 * with its sequence number (64 bits, network order). Loopback only: the
 * destination address is fixed. The loop is bounded by SECONDS (and by
 * SECONDS * 1000 + 1000 ticks). At the end it prints one line:
 *
 *   sent N datagrams in T s: R per second (asked RATE), send errors E
 *
 * Exit status: 0 when everything was sent, 1 when a send failed (the count
 * says how many went), 2 on bad usage. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kBatch = 256, kMaxPayload = 1472 };

static double seconds_between(const struct timespec *from, const struct timespec *to)
{
    return (double)(to->tv_sec - from->tv_sec) + (double)(to->tv_nsec - from->tv_nsec) / 1e9;
}

static void add_nanoseconds(struct timespec *t, long nanoseconds)
{
    t->tv_nsec += nanoseconds;
    while (t->tv_nsec >= 1000000000L) {
        t->tv_nsec -= 1000000000L;
        ++t->tv_sec;
    }
}

static int parse_positive(const char *text, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    const long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value <= 0 || value > max)
        return 0;
    *out = value;
    return 1;
}

int main(int argc, char **argv)
{
    long port = 0, rate = 0, seconds = 0, payload = 64;
    if ((argc != 4 && argc != 5) || !parse_positive(argv[1], 65535, &port) ||
        !parse_positive(argv[2], 10000000, &rate) || !parse_positive(argv[3], 3600, &seconds) ||
        (argc == 5 && !parse_positive(argv[4], kMaxPayload, &payload)) || payload < 8) {
        fprintf(stderr, "usage: %s PORT RATE SECONDS [PAYLOAD_BYTES (8-%d)]\n", argv[0], kMaxPayload);
        return 2;
    }

    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only, always */
    to.sin_port = htons((uint16_t)port);
    if (connect(fd, (const struct sockaddr *)&to, sizeof to) != 0) {
        perror("connect");
        return 1;
    }

    static unsigned char payloads[kBatch][kMaxPayload];
    struct iovec iov[kBatch];
    struct mmsghdr messages[kBatch];
    memset(payloads, 'f', sizeof payloads);
    memset(messages, 0, sizeof messages);
    for (int i = 0; i < kBatch; ++i) {
        iov[i].iov_base = payloads[i];
        iov[i].iov_len = (size_t)payload;
        messages[i].msg_hdr.msg_iov = &iov[i];
        messages[i].msg_hdr.msg_iovlen = 1;
    }

    const uint64_t total = (uint64_t)rate * (uint64_t)seconds;
    const long tick_ns = 1000000L; /* 1 ms */
    const long max_ticks = seconds * 1000L + 1000L;
    uint64_t sent = 0;
    unsigned long errors = 0;
    int failed = 0;
    struct timespec start, deadline, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    deadline = start;
    for (long tick = 0; tick < max_ticks && sent < total && !failed; ++tick) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        double elapsed = seconds_between(&start, &now);
        uint64_t due = (uint64_t)(elapsed * (double)rate);
        if (due > total)
            due = total;
        while (sent < due) {
            const unsigned int n = (unsigned int)(due - sent < kBatch ? due - sent : kBatch);
            for (unsigned int i = 0; i < n; ++i) {
                uint64_t sequence = sent + i;
                uint32_t high = htonl((uint32_t)(sequence >> 32)), low = htonl((uint32_t)sequence);
                memcpy(payloads[i], &high, 4);
                memcpy(payloads[i] + 4, &low, 4);
            }
            const int got = sendmmsg(fd, messages, n, 0);
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                /* ENOBUFS and the like: say so, count it, stop (bounded). */
                ++errors;
                perror("sendmmsg");
                failed = 1;
                break;
            }
            sent += (uint64_t)got;
        }
        add_nanoseconds(&deadline, tick_ns);
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR) {
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &now);
    const double took = seconds_between(&start, &now);
    printf("sent %llu datagrams in %.3f s: %.0f per second (asked %ld), send errors %lu\n", (unsigned long long)sent,
           took, took > 0 ? (double)sent / took : 0.0, rate, errors);
    fflush(stdout);
    close(fd);
    return failed || sent < total ? 1 : 0;
}
