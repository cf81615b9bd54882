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

# A display number nobody uses.
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
    [ "$display" -lt 200 ] || { echo "no free X display" >&2; exit 1; }
done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
    [ -e "/tmp/.X11-unix/X$display" ] && break
    sleep 0.1
done
[ -e "/tmp/.X11-unix/X$display" ] || { echo "Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }

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
