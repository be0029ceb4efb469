#!/usr/bin/env bash
# A swiftc that keeps a copy of what nbrun asks it to compile (for bench/profile.sh):
# each call's arguments go to $SPY_DIR/args-N and its .swift inputs to $SPY_DIR/N/.
set -euo pipefail
n=$(ls "$SPY_DIR" | grep -c '^args-' || true)
mkdir -p "$SPY_DIR/$n"
printf '%s\n' "$@" > "$SPY_DIR/args-$n"
for a in "$@"; do case "$a" in *.swift) cp "$a" "$SPY_DIR/$n/" ;; esac; done
exec "${REAL_SWIFTC:-swiftc}" "$@"
