#!/usr/bin/env bash
# Usage: translations_complete.sh LUPDATE SOURCES_LIST TRANSLATIONS_DIR
# Runs lupdate into a temporary copy of every .ts file and fails on any
# entry that is unfinished (new or changed string) or vanished (gone from
# the sources but still in the catalogue).
set -euo pipefail
lupdate=$1 sources=$2 dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in "$dir"/*.ts; do
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    # A catalogue of English holds only plural forms.
    only=()
    case "$ts" in *_en.ts) only=(-pluralonly) ;; esac
    "$lupdate" -silent -locations none "${only[@]}" "@$sources" -ts "$copy"
    bad=$(grep -nE 'type="(unfinished|vanished|obsolete)"' "$copy" || true)
    if [ -n "$bad" ]; then
        echo "$(basename "$ts"): entries without a finished translation:"
        grep -B3 -E 'type="(unfinished|vanished|obsolete)"' "$copy" | grep -E '<source>|type=' || true
        status=1
    fi
    total=$(grep -c '<source>' "$copy" || true)
    echo "$(basename "$ts"): $total entries checked"
done
exit $status
