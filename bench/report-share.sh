#!/usr/bin/env bash
# nbrun's own share of a warm run on a lesson: the program alone, the program writing
# its events (the tensors it captures at cell ends), and the report's formatting of
# those tensors (bench/report-share/main.swift, compiled -O against nbrun's runtime).
# CPU seconds (user + sys), medians of RUNS (default 5).
#
#   bench/report-share.sh [notebooks/spiral.md]      # NBRUN=... picks the binary
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NOTEBOOK=${1:-notebooks/spiral.md}
NBRUN=${NBRUN:-}
if [ -z "$NBRUN" ]; then
    if [ -x .build-release/release/nbrun ]; then NBRUN=.build-release/release/nbrun; else NBRUN=.build/debug/nbrun; fi
fi
RUNS=${RUNS:-5}
OUT=$ROOT/.build-bench/report-share
rm -rf "$OUT" && mkdir -p "$OUT"
export XDG_CACHE_HOME=$OUT/cache
"$NBRUN" render --to md "$NOTEBOOK" -o "$OUT/out.md" >/dev/null
PROGRAM=$(ls "$OUT"/cache/nbrun/programs/*/notebook)
RUNTIME=$(ls -d "$OUT"/cache/nbrun/runtime-*/)
swiftc -O bench/report-share/main.swift -I "$RUNTIME/Modules" -L "$RUNTIME" -lNBRuntime \
    -Xlinker -rpath -Xlinker "$RUNTIME" -Xcc -fmodule-map-file="$RUNTIME/CModules/COpenBLAS/module.modulemap" \
    -o "$OUT/report-share"
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
cd "$(dirname "$NOTEBOOK")"
plain=$(for _ in $(seq "$RUNS"); do cpu "$PROGRAM"; done | median)
events=$(for _ in $(seq "$RUNS"); do cpu env NBRUN_EVENTS="$OUT/events.jsonl" NBRUN_MARK=bench "$PROGRAM"; done | median)
report=$("$OUT/report-share" "$OUT/events.jsonl")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "program alone: $plain s CPU; writing its events: $events s CPU (medians of $RUNS)"
echo "report's formatting of the captured tensors: $report"
