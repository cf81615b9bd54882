#!/usr/bin/env bash
# Usage: tests/tools/screenshot.sh SOCKSCOPE_BINARY OUTPUT.png [WIDTHxHEIGHT] [LANG] [resolve|connect|serve|ipc|signals] [KEYS]
# KEYS: what is done once the scene is set, in order: xdotool key names
# (alt+g: a page of the IPC tab, in German), click:X,Y (a left click
# there), type:WORD (typed), pause:SECONDS
# Takes the README's screenshot of the real window under a private Xvfb
# display, with fresh settings, the window at WIDTHxHEIGHT (default
# 1100x720) in LANG (default C.UTF-8):
#   resolve (default): the Resolve tab, with "localhost:https" typed
#     (xdotool) and resolved from /etc/hosts (no DNS traffic);
#   connect: the Connect tab racing a refused loopback port against an echo
#     server this script starts on loopback, then a line sent and echoed;
#   serve: the Servers tab with an echo server started (Alt+R) on loopback
#     and a client of this script's connected to it, sending a line.
# Stops only the processes it started, by PID.
set -euo pipefail
binary=$(realpath "$1") output=$2 size=${3:-1100x720} lang=${4:-C.UTF-8} scene=${5:-resolve} keys=${6:-}
width=${size%x*} height=${size#*x}
work=$(mktemp -d)
chmod 700 "$work"
xvfb_pid='' app_pid='' echo_pid=''
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$echo_pid" ] && kill "$echo_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Xvfb picks a free display and names it on a pipe once it accepts
# clients: no guessing from socket files a previous server may have left.
mkfifo "$work/displayfd"
# The screen is the window's size (at least 1100x720) so that a first start
# sizes the window as it would on such a screen.
screen_size=$(( width > 1100 ? width : 1100 ))x$(( height > 720 ? height : 720 ))
[ "$size" = 1100x720 ] || screen_size=$size
Xvfb -displayfd 3 -screen 0 "${screen_size}x24" -nolisten tcp 3>"$work/displayfd" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
display=$(timeout 20 head -n 1 "$work/displayfd" || true)
[ -n "$display" ] || { echo "Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }
# A client must get through before the window starts (a server that just
# went away may still hold the name for a moment).
for _ in $(seq 100); do
    DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
done
DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null || { echo "display :$display does not answer" >&2; exit 1; }

mkdir -p "$work/config/Sockscope"
tab=0
[ "$scene" = connect ] && tab=1
[ "$scene" = serve ] && tab=2
[ "$scene" = ipc ] && tab=3
[ "$scene" = signals ] && tab=4
printf '[window]\ntab=%s\n' "$tab" >"$work/config/Sockscope/sockscope.conf"
DISPLAY=":$display" XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work" LANG="$lang" LANGUAGE= \
    QT_QPA_PLATFORM=xcb QT_LOGGING_RULES="sockscope.ui.info=true" \
    "$binary" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 200); do
    grep -q "window shown" "$work/app.log" && break
    sleep 0.1
done
grep -q "window shown" "$work/app.log" || { echo "the window did not show" >&2; cat "$work/app.log" >&2; exit 1; }
window=$(DISPLAY=":$display" xdotool search --sync --name '^Sockscope$' | head -n 1)
DISPLAY=":$display" xdotool windowmove --sync "$window" 0 0 windowsize --sync "$window" "$width" "$height"
DISPLAY=":$display" xdotool windowfocus --sync "$window"
if [ "$scene" = connect ]; then
    # An echo server on a loopback port the kernel picks, and a port that
    # refuses (bound, never listening, by the same helper).
    mkfifo "$work/ports"
    /usr/bin/python3 -c '
import socket, sys, threading
closed = socket.socket(); closed.bind(("127.0.0.1", 0))
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(4)
print(closed.getsockname()[1], server.getsockname()[1], flush=True)
def echo(c):
    while (d := c.recv(65536)):
        c.sendall(d)
    c.close()
while True:
    threading.Thread(target=echo, args=(server.accept()[0],), daemon=True).start()
' >"$work/ports" &
    echo_pid=$!
    read -r closed_port echo_port <"$work/ports"
    DISPLAY=":$display" xdotool key ctrl+l
    DISPLAY=":$display" xdotool type --delay 20 "127.0.0.1:$closed_port 127.0.0.1:$echo_port"
    DISPLAY=":$display" xdotool key Return
    sleep 1 # connected: the typing goes to the peer now
    DISPLAY=":$display" xdotool type --delay 20 'hello\tthere'
    DISPLAY=":$display" xdotool key Return
elif [ "$scene" = serve ]; then
    DISPLAY=":$display" xdotool key alt+r
    # The port the window listens on, from /proc: the listening TCP socket
    # among the window's descriptors.
    /usr/bin/python3 -c '
import os, sys, time
pid = sys.argv[1]
for _ in range(100):
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}") if os.path.exists(f"/proc/{pid}/fd/{fd}") else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and fields[9] in inodes:
            print(int(fields[1].split(":")[1], 16)); sys.exit(0)
    time.sleep(0.1)
sys.exit(1)
' "$app_pid" >"$work/port"
    /usr/bin/python3 -c '
import socket, sys, time
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
c.sendall(b"hello from a client\r\n")
c.recv(100)
time.sleep(30)
' "$(cat "$work/port")" &
    echo_pid=$!
    sleep 1
    # The peer's row, to show its transcript: the first row of the peers table.
    DISPLAY=":$display" xdotool mousemove --sync 60 $(( height * 46 / 100 )) click 1
elif [ "$scene" = resolve ]; then
    DISPLAY=":$display" xdotool type --delay 30 'localhost:https'
    DISPLAY=":$display" xdotool key Return
fi
for key in $keys; do
    case $key in
    click:*) xy=${key#click:}; DISPLAY=":$display" xdotool mousemove --sync "${xy%,*}" "${xy#*,}" click 1 ;;
    type:*) DISPLAY=":$display" xdotool type --delay 30 "${key#type:}" ;;
    pause:*) sleep "${key#pause:}" ;; # for what only shows on a refresh (the System V list)
    *) DISPLAY=":$display" xdotool key "$key" ;;
    esac
done
sleep 1 # let the answer and the first frames paint
DISPLAY=":$display" import -window root "$work/root.png"
convert "$work/root.png" -crop "${width}x${height}+0+0" +repage "$output"
echo "wrote $output"
