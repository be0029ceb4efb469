#!/usr/bin/env bash
# Where nbrun's time goes on notebooks/backprop.md: first-ever, cold and warm runs.
# Writes .build-bench/profile/*.txt and prints a summary. Needs strace; uses perf
# if it works. Run after bench/setup.sh. Choose the binary with NBRUN=... (default:
# the release build if present, else debug).
#
#   1. a process timeline (strace -f of execve/exit) for a first-ever run (empty
#      XDG_CACHE_HOME), a cold run (runtime built, no program) and a warm run;
#   2. strace -c -f of a warm run (time in system calls);
#   3. perf record of warm runs: the hottest functions of nbrun itself;
#   4. nbrun's own swiftc command for this notebook (captured by bench/swiftc-spy.sh),
#      timed as is and with -g swapped for -gline-tables-only or dropped, and
#      -typecheck only (hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/.build-bench/profile
PY=$ROOT/.build-bench/venv/bin/python
NBRUN=${NBRUN:-}
if [ -z "$NBRUN" ]; then
    if [ -x .build-release/release/nbrun ]; then NBRUN=.build-release/release/nbrun; else NBRUN=.build/debug/nbrun; fi
fi
RUNS=${RUNS:-10}
mkdir -p "$OUT" "$ROOT/.build-bench/bin"
cp "$NBRUN" "$ROOT/.build-bench/bin/nbrun-profile"   # the build folder's copy may be rebuilt meanwhile
BIN=$ROOT/.build-bench/bin/nbrun-profile
NB=$ROOT/notebooks/backprop.md
export XDG_CACHE_HOME=$OUT/cache
echo "nbrun: $NBRUN ($($BIN --version)); load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"

timeline() {  # name, then what to remove first
    local name=$1; shift
    rm -rf "$@"
    strace -f -ttt -e trace=execve,exit_group -o "$OUT/$name.strace" "$BIN" "$NB" -o "$OUT/$name.html" >/dev/null 2>&1
    "$PY" bench/timeline.py "$OUT/$name.strace" > "$OUT/$name-timeline.txt"
    { echo; echo "== $name run (under strace, so a little slower)"; cat "$OUT/$name-timeline.txt"; } | tee -a "$OUT/summary.txt"
}
timeline first "$XDG_CACHE_HOME"
timeline cold "$XDG_CACHE_HOME/nbrun/programs"
"$BIN" "$NB" -o "$OUT/warm.html" >/dev/null 2>&1   # make sure it's warm
timeline warm

strace -c -f -o "$OUT/warm-strace-c.txt" "$BIN" "$NB" -o "$OUT/warm.html" >/dev/null 2>&1
{ echo; echo "== strace -c -f, warm run (top 8)"; head -10 "$OUT/warm-strace-c.txt"; } | tee -a "$OUT/summary.txt"

if perf record -q -F 4000 -g -o "$OUT/perf-warm.data" -- bash -c \
        "for i in \$(seq 20); do '$BIN' '$NB' -o '$OUT/warm.html'; done" >/dev/null 2>&1; then
    perf report -i "$OUT/perf-warm.data" --comm nbrun-profile --no-children --sort dso -g none --stdio 2>/dev/null \
        | grep '%' | head -8 > "$OUT/perf-dso.txt" || true
    perf report -i "$OUT/perf-warm.data" --comm nbrun-profile --children --sort symbol -g none --stdio 2>/dev/null \
        | grep '%' | grep -E 'NBRunKit|5nbrun|dl_main|_dl_start_user' | cut -c1-170 | head -30 > "$OUT/perf-children.txt" || true
    { echo; echo "== perf, 20 warm runs, nbrun process only: share of samples by library";
      cat "$OUT/perf-dso.txt"
      echo; echo "== perf: inclusive share of nbrun's own functions (top 30)"; cat "$OUT/perf-children.txt"; } \
        | tee -a "$OUT/summary.txt"
else
    echo "perf not usable here; skipped" | tee -a "$OUT/summary.txt"
fi

# nbrun's own swiftc call for this notebook, captured, then timed with variants.
SPY=$OUT/spy
rm -rf "$SPY"; mkdir -p "$SPY"
SPY_DIR=$SPY REAL_SWIFTC=$(command -v swiftc) NBRUN_SWIFTC=$ROOT/bench/swiftc-spy.sh \
    XDG_CACHE_HOME=$OUT/spy-cache "$BIN" "$NB" --no-cache -o "$OUT/spy.html" >/dev/null 2>&1
last=$(ls "$SPY" | grep '^args-' | sort -t- -k2 -n | tail -1)
dir=$SPY/${last#args-}
mapfile -t ARGS < "$SPY/$last"
# Point the source argument at the kept copy, the output at a scratch file.
for i in "${!ARGS[@]}"; do
    case "${ARGS[$i]}" in *.swift) ARGS[$i]=$dir/$(basename "${ARGS[$i]}") ;; esac
    if [ "${ARGS[$i]}" = "-o" ]; then ARGS[$((i + 1))]=$SPY/program; fi
done
q() { printf '%q ' "$@"; }
with_g=$(q swiftc "${ARGS[@]}")
line_tables=${with_g/ -g / -gline-tables-only }
no_g=${with_g/ -g / }
typecheck="${no_g/ -o $(printf '%q' "$SPY/program")/} -typecheck"
cp "$SPY/$last" "$OUT/swiftc-args.txt"
echo "$with_g" > "$OUT/swiftc-command.txt"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/swiftc-variants.json" \
    -n "as nbrun calls it, with -g" "$with_g" -n "with -gline-tables-only" "$line_tables" -n "without -g" "$no_g" \
    -n "only -typecheck" "$typecheck" > "$OUT/swiftc-variants.txt" 2>&1
"$PY" - "$OUT/swiftc-variants.json" <<'PYEOF' | tee -a "$OUT/summary.txt"
import json, statistics, sys
print("\n== nbrun's swiftc call for backprop.md, variants (hyperfine)")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:>30}: median {statistics.median(r['times']):.3f} s  (min {min(r['times']):.3f}, "
          f"user {r['user']:.3f}, sys {r['system']:.3f})")
PYEOF
SWIFTC_JOBS=$(swiftc "${ARGS[@]}" -driver-print-jobs 2>/dev/null | awk '{n=split($1,p,"/"); printf "%s %s %s\n", p[n], $2, $3}')
{ echo; echo "== jobs the swift driver runs for that call (-driver-print-jobs)"; echo "$SWIFTC_JOBS"; } | tee -a "$OUT/summary.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
