#!/usr/bin/env bash
# Runs the benchmarks (see bench/run.py for what and how) and writes
# .build-bench/results.md and results.json. Run bench/setup.sh first.
#
#   bench/run.sh                  # all benchmarks, 10 runs each
#   RUNS=3 bench/run.sh           # fewer runs
#   NBRUN=.build/debug/nbrun bench/run.sh   # another nbrun (default: the release
#                                           # build if present, else debug)
#   ONLY=backprop,check bench/run.sh        # some groups: backprop check scale xor matmul
#   ONLY=xor BASELINE=path/to/old/nbrun bench/run.sh  # also time the XOR loop with another
#                                           # nbrun (runtime), interleaved: a before/after
# Extra arguments go to run.py (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .build-bench/venv/bin/python ] || { echo "run bench/setup.sh first" >&2; exit 2; }
exec .build-bench/venv/bin/python bench/run.py "$@"
