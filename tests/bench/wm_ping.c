/* wm_ping: a window's event-loop lag, measured from outside as window
 * managers measure it (EWMH _NET_WM_PING), for bench_udp_window.
 *
 *   wm_ping WINDOW INTERVAL_MS COUNT [GRACE_MS]
 *
 * WINDOW is the X window id (decimal or 0x hex) of a top-level window whose
 * WM_PROTOCOLS lists _NET_WM_PING. Every INTERVAL_MS (absolute
 * CLOCK_MONOTONIC deadlines) it sends the window a ClientMessage of type
 * WM_PROTOCOLS with data[0] = _NET_WM_PING, data[1] = a timestamp, data[2]
 * = the window, and times how long the client takes to send it back to the
 * root window. The timestamp is CLOCK_MONOTONIC in milliseconds, which is
 * the X server's own clock on Linux (the server's GetTimeInMillis), made
 * strictly increasing so that it also identifies the ping. A ping is not
 * held back while earlier ones are unanswered: a stalled client answers a
 * queue of them late, and each answer tells how late.
 *
 * It selects SubstructureNotify and SubstructureRedirect on the root window,
 * as a window manager does (a bare Xvfb has none); since the redirect would
 * hold back every map and configure request of the display's clients, it
 * grants them as they come. If another client already holds the redirect,
 * it listens with SubstructureNotify alone (enough to see the replies) and
 * says so.
 *
 * Output, one line each, flushed:
 *   ready root 0xROOT redirect on|off
 *   ping SEQ SENT_MS RTT_MS          (answered; SENT_MS since the first ping)
 *   ping SEQ SENT_MS - WAITED_MS     (unanswered when it gave up)
 *   done pings N answered M
 * Bounded: COUNT pings (at most 100,000), then at most GRACE_MS (default
 * 2000) for the last answers. Exit status 0, 1 on an X error, 2 on bad
 * usage. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xcb/xcb.h>

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static xcb_atom_t intern(xcb_connection_t *c, const char *name)
{
    xcb_intern_atom_reply_t *reply = xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
    xcb_atom_t atom = reply ? reply->atom : XCB_ATOM_NONE;
    free(reply);
    return atom;
}

static int parse_long(const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    const long value = strtol(text, &end, 0);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max)
        return 0;
    *out = value;
    return 1;
}

struct ping {
    uint32_t timestamp;
    int64_t sent_ns;
    int64_t answered_ns; /* 0 while unanswered */
};

/* Grants what a window manager would: a client's map, configure and
 * circulate requests, unchanged. */
static void grant_request(xcb_connection_t *c, xcb_generic_event_t *event)
{
    switch (event->response_type & 0x7f) {
    case XCB_MAP_REQUEST:
        xcb_map_window(c, ((xcb_map_request_event_t *)event)->window);
        break;
    case XCB_CONFIGURE_REQUEST: {
        const xcb_configure_request_event_t *r = (xcb_configure_request_event_t *)event;
        uint32_t values[7];
        int n = 0;
        if (r->value_mask & XCB_CONFIG_WINDOW_X)
            values[n++] = (uint32_t)(int32_t)r->x;
        if (r->value_mask & XCB_CONFIG_WINDOW_Y)
            values[n++] = (uint32_t)(int32_t)r->y;
        if (r->value_mask & XCB_CONFIG_WINDOW_WIDTH)
            values[n++] = r->width;
        if (r->value_mask & XCB_CONFIG_WINDOW_HEIGHT)
            values[n++] = r->height;
        if (r->value_mask & XCB_CONFIG_WINDOW_BORDER_WIDTH)
            values[n++] = r->border_width;
        if (r->value_mask & XCB_CONFIG_WINDOW_SIBLING)
            values[n++] = r->sibling;
        if (r->value_mask & XCB_CONFIG_WINDOW_STACK_MODE)
            values[n++] = r->stack_mode;
        xcb_configure_window(c, r->window, r->value_mask, values);
        break;
    }
    case XCB_CIRCULATE_REQUEST: {
        const xcb_circulate_request_event_t *r = (xcb_circulate_request_event_t *)event;
        xcb_circulate_window(c, r->place == XCB_PLACE_ON_TOP ? XCB_CIRCULATE_RAISE_LOWEST : XCB_CIRCULATE_LOWER_HIGHEST,
                             r->window);
        break;
    }
    default:
        return;
    }
    xcb_flush(c);
}

int main(int argc, char **argv)
{
    long window = 0, interval_ms = 0, count = 0, grace_ms = 2000;
    if ((argc != 4 && argc != 5) || !parse_long(argv[1], 1, 0xffffffffL, &window) ||
        !parse_long(argv[2], 1, 10000, &interval_ms) || !parse_long(argv[3], 1, 100000, &count) ||
        (argc == 5 && !parse_long(argv[4], 0, 60000, &grace_ms))) {
        fprintf(stderr, "usage: %s WINDOW INTERVAL_MS COUNT [GRACE_MS]\n", argv[0]);
        return 2;
    }
    int screen_number = 0;
    xcb_connection_t *c = xcb_connect(NULL, &screen_number);
    if (xcb_connection_has_error(c)) {
        fprintf(stderr, "wm_ping: cannot connect to the X display (DISPLAY=%s)\n",
                getenv("DISPLAY") ? getenv("DISPLAY") : "");
        return 1;
    }
    xcb_screen_iterator_t screens = xcb_setup_roots_iterator(xcb_get_setup(c));
    for (int i = 0; i < screen_number && screens.rem; ++i)
        xcb_screen_next(&screens);
    const xcb_window_t root = screens.data->root;
    const xcb_atom_t wm_protocols = intern(c, "WM_PROTOCOLS");
    const xcb_atom_t net_wm_ping = intern(c, "_NET_WM_PING");
    if (wm_protocols == XCB_ATOM_NONE || net_wm_ping == XCB_ATOM_NONE) {
        fprintf(stderr, "wm_ping: cannot intern WM_PROTOCOLS or _NET_WM_PING\n");
        return 1;
    }

    uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY | XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT;
    xcb_generic_error_t *error =
        xcb_request_check(c, xcb_change_window_attributes_checked(c, root, XCB_CW_EVENT_MASK, &mask));
    const int redirect = error == NULL;
    if (error) { /* BadAccess: a window manager holds the redirect */
        free(error);
        mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
        error = xcb_request_check(c, xcb_change_window_attributes_checked(c, root, XCB_CW_EVENT_MASK, &mask));
        if (error) {
            fprintf(stderr, "wm_ping: cannot select events on the root window (X error %d)\n", error->error_code);
            free(error);
            return 1;
        }
    }
    printf("ready root 0x%x redirect %s\n", root, redirect ? "on" : "off");
    fflush(stdout);

    struct ping *pings = calloc((size_t)count, sizeof *pings);
    if (!pings)
        return 1;
    const int64_t interval_ns = interval_ms * 1000000LL;
    const int64_t start_ns = now_ns();
    int64_t give_up_ns = 0;
    long sent = 0, answered = 0;
    uint32_t last_timestamp = 0;
    struct pollfd fd = {.fd = xcb_get_file_descriptor(c), .events = POLLIN};
    /* Bounded: every pass either sends a ping (COUNT of them) or waits
     * until the next deadline, the give-up time, or an event. */
    for (;;) {
        xcb_generic_event_t *event;
        while ((event = xcb_poll_for_event(c)) != NULL) {
            const uint8_t type = event->response_type & 0x7f;
            if (type == XCB_CLIENT_MESSAGE) {
                const xcb_client_message_event_t *m = (xcb_client_message_event_t *)event;
                if (m->type == wm_protocols && m->format == 32 && m->data.data32[0] == net_wm_ping &&
                    m->window == root) {
                    const int64_t at = now_ns();
                    for (long i = sent - 1; i >= 0; --i) {
                        if (pings[i].timestamp == m->data.data32[1]) {
                            if (pings[i].answered_ns == 0) {
                                pings[i].answered_ns = at;
                                ++answered;
                            }
                            break;
                        }
                    }
                }
            } else {
                grant_request(c, event);
            }
            free(event);
        }
        if (xcb_connection_has_error(c)) {
            fprintf(stderr, "wm_ping: the X connection failed\n");
            free(pings);
            return 1;
        }
        const int64_t now = now_ns();
        if (sent == count) {
            if (give_up_ns == 0)
                give_up_ns = now + grace_ms * 1000000LL;
            if (answered == count || now >= give_up_ns)
                break;
        } else if (now >= start_ns + sent * interval_ns) {
            uint32_t timestamp = (uint32_t)(now / 1000000LL);
            if (sent > 0 && (int32_t)(timestamp - last_timestamp) <= 0)
                timestamp = last_timestamp + 1;
            last_timestamp = timestamp;
            xcb_client_message_event_t m;
            memset(&m, 0, sizeof m);
            m.response_type = XCB_CLIENT_MESSAGE;
            m.format = 32;
            m.window = (xcb_window_t)window;
            m.type = wm_protocols;
            m.data.data32[0] = net_wm_ping;
            m.data.data32[1] = timestamp;
            m.data.data32[2] = (uint32_t)window;
            pings[sent].timestamp = timestamp;
            pings[sent].sent_ns = now_ns();
            /* No event mask: delivered to the client that created the window. */
            xcb_send_event(c, 0, (xcb_window_t)window, XCB_EVENT_MASK_NO_EVENT, (const char *)&m);
            xcb_flush(c);
            ++sent;
            continue;
        }
        const int64_t until = sent == count ? give_up_ns : start_ns + sent * interval_ns;
        int64_t wait_ns = until - now_ns();
        if (wait_ns < 0)
            wait_ns = 0;
        const struct timespec timeout = {.tv_sec = wait_ns / 1000000000LL, .tv_nsec = wait_ns % 1000000000LL};
        ppoll(&fd, 1, &timeout, NULL);
    }
    const int64_t end = now_ns();
    for (long i = 0; i < sent; ++i) {
        const double sent_ms = (double)(pings[i].sent_ns - start_ns) / 1e6;
        if (pings[i].answered_ns)
            printf("ping %ld %.3f %.3f\n", i, sent_ms, (double)(pings[i].answered_ns - pings[i].sent_ns) / 1e6);
        else
            printf("ping %ld %.3f - %.3f\n", i, sent_ms, (double)(end - pings[i].sent_ns) / 1e6);
    }
    printf("done pings %ld answered %ld\n", sent, answered);
    fflush(stdout);
    free(pings);
    xcb_disconnect(c);
    return 0;
}
