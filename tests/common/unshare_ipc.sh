#!/bin/sh
# Runs a SysV IPC test ("$@") in an IPC namespace of its own when root, so
# that whatever it creates dies with the namespace, even if ctest kills it
# at its timeout. Not root: runs it as it is, and the test skips, saying why.
if [ "$(id -u)" = 0 ]; then
    exec unshare --ipc "$@"
fi
exec "$@"
