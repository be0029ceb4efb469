#!/usr/bin/env bash
# Prepares everything bench/run.sh needs: Debian tools (hyperfine, time, strace),
# a Python virtual environment under .build-bench/venv with the Jupyter peers and
# numpy/scipy, and the reconstructed original notebook (.ipynb and .py).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=.build-bench
VENV=$BENCH/venv
PYTHON=${PYTHON:-python3}
mkdir -p "$BENCH"

# Debian packages. `time` gives /usr/bin/time (GNU, for -f %M).
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v strace >/dev/null || missing+=(strace)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# The Python peers.
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
PACKAGES=(nbconvert ipykernel nbval pytest papermill numpy scipy psutil threadpoolctl nbformat nbclient)
if ! "$VENV/bin/python" -c 'import nbconvert, ipykernel, nbval, pytest, papermill, numpy, scipy, psutil, threadpoolctl' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet "${PACKAGES[@]}"
fi
# A kernel spec inside the venv, so nbconvert/nbval/papermill run the venv's python.
if [ ! -d "$VENV/share/jupyter/kernels/python3" ]; then
    "$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null
fi

# The original notebook, rebuilt from the seed text.
"$VENV/bin/python" bench/make_ipynb.py --out-dir "$BENCH"
echo "bench setup done: $VENV"
