#!/usr/bin/env bash
# Usage: tests/tools/screenshot.sh SOCKSCOPE_BINARY OUTPUT.png [WIDTHxHEIGHT] [LANG]
# Takes the README's screenshot of the real window under a private Xvfb
# display, with fresh settings: the Resolve tab, with "localhost:https"
# typed (xdotool) and resolved from /etc/hosts (no DNS traffic), the window
# at WIDTHxHEIGHT (default 1100x720) in LANG (default C.UTF-8). Stops only
# the processes it started, by PID.
set -euo pipefail
binary=$(realpath "$1") output=$2 size=${3:-1100x720} lang=${4:-C.UTF-8}
width=${size%x*} height=${size#*x}
work=$(mktemp -d)
chmod 700 "$work"
xvfb_pid='' app_pid=''
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
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
printf '[window]\ntab=0\n' >"$work/config/Sockscope/sockscope.conf"
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
DISPLAY=":$display" xdotool type --delay 30 'localhost:https'
DISPLAY=":$display" xdotool key Return
sleep 1 # let the answer and the first frames paint
DISPLAY=":$display" import -window root "$work/root.png"
convert "$work/root.png" -crop "${width}x${height}+0+0" +repage "$output"
echo "wrote $output"
