"""Which matrix products of the runtime are bit-identical to numpy's, and why.

Usage: python3 bench/blas_parity.py

The runtime multiplies large float64 matrices with the system's OpenBLAS (Debian 12:
0.3.21), passing numpy's routine and transposition flags, and small ones with its own
loop (each element summed over k in order, one fused multiply-add per step). numpy
2.x ships its own OpenBLAS (0.3.31 with numpy 2.4). This script loads the system
library with ctypes, the way the runtime does (OPENBLAS_CORETYPE set as the runtime
sets it, from /proc/cpuinfo), and compares for the shapes of the course lesson
(notebooks/spiral.md) and a few more:

- NN, TN, NT: cblas_dgemm with the operands as stored (a transposed view is passed
  with CblasTrans, as numpy passes `x.T`), against numpy's `@` of the same views;
- loop: the runtime's in-order FMA loop, against numpy;
- gemv and ddot: matrix-vector and vector-vector products.

A cell says `=` when every element has the same bits, else how many differ.
"""
import ctypes
import os
import sys

import numpy as np


def core_type():
    """The kernels the runtime asks OpenBLAS for (see BLAS.coreType in the runtime)."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return None
    if all(f in flags for f in ("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")):
        return "SkylakeX"
    if "avx2" in flags and "fma" in flags:
        return "Haswell"
    return None


chosen = os.environ.get("OPENBLAS_CORETYPE") or core_type()
if chosen:
    os.environ["OPENBLAS_CORETYPE"] = chosen  # read by the system OpenBLAS when it loads below
lib = ctypes.CDLL("libopenblas.so.0")
lib.openblas_get_corename.restype = ctypes.c_char_p
lib.openblas_get_config.restype = ctypes.c_char_p
lib.cblas_ddot.restype = ctypes.c_double
libm = ctypes.CDLL("libm.so.6")
libm.fma.restype = ctypes.c_double
libm.fma.argtypes = [ctypes.c_double] * 3
P = ctypes.POINTER(ctypes.c_double)
ROW_MAJOR, NO_TRANS, TRANS = 101, 111, 112


def ptr(a):
    return a.ctypes.data_as(P)


def dgemm(a, b, ta, tb):
    """a @ b through the system's cblas_dgemm, each operand stored transposed when asked."""
    (m, k), n = a.shape, b.shape[1]
    A = np.ascontiguousarray(a.T if ta else a)
    B = np.ascontiguousarray(b.T if tb else b)
    c = np.zeros((m, n))
    lib.cblas_dgemm(ROW_MAJOR, TRANS if ta else NO_TRANS, TRANS if tb else NO_TRANS, m, n, k, ctypes.c_double(1.0),
                    ptr(A), A.shape[1], ptr(B), B.shape[1], ctypes.c_double(0.0), ptr(c), n)
    return c


def loop(a, b):
    """The runtime's small-product loop: c[i, j] = fma(a[i, p], b[p, j], c[i, j]) for p in order."""
    m, k = a.shape
    n = b.shape[1]
    c = [[0.0] * n for _ in range(m)]
    for i in range(m):
        for p in range(k):
            x = float(a[i, p])
            row = c[i]
            for j in range(n):
                row[j] = libm.fma(x, float(b[p, j]), row[j])
    return np.array(c)


def same(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    differing = int(np.sum(x.view(np.int64) != y.view(np.int64)))
    return "=" if differing == 0 else f"{differing} of {x.size}"


def view(x, transposed):
    """x itself, or a transposed view with x's values (as numpy sees `h.T`)."""
    return np.ascontiguousarray(x.T).T if transposed else x


def main():
    print(f"numpy {np.__version__}; system OpenBLAS: {lib.openblas_get_config().decode()}, "
          f"kernels {lib.openblas_get_corename().decode()} (OPENBLAS_CORETYPE={chosen})")
    rng = np.random.default_rng(7)
    print("\n| m × k × n | where in the lesson | layout | dgemm vs numpy | loop vs numpy |")
    print("|---|---|---|---|---|")
    cases = [
        ((300, 2, 100), "X @ W (k=2: the loop)", "NN"),
        ((300, 100, 3), "hidden_layer @ W2", "NN"),
        ((100, 300, 3), "hidden_layer.T @ dscores", "TN"),
        ((2, 300, 100), "X.T @ dhidden", "TN"),
        ((300, 3, 100), "dscores @ W2.T (k=3: the loop)", "NT"),
        ((2, 300, 3), "X.T @ dscores (softmax; the loop)", "TN"),
        ((300, 2, 3), "X @ W (softmax; the loop)", "NN"),
        ((8, 15, 8), "", "NN"),
        ((64, 64, 64), "", "NN"),
        ((64, 64, 64), "", "TN"),
        ((512, 512, 512), "bench's matmul", "NN"),
    ]
    for (m, k, n), where, layout in cases:
        ta, tb = layout[0] == "T", layout[1] == "T"
        a, b = rng.standard_normal((m, k)), rng.standard_normal((k, n))
        reference = view(a, ta) @ view(b, tb)
        blas = same(dgemm(a, b, ta, tb), reference)
        small = same(loop(a, b), reference) if m * k * n <= 100_000 else "–"
        print(f"| {m} × {k} × {n} | {where} | {layout} | {blas} | {small} |")
    print("\n| product | vs numpy |")
    print("|---|---|")
    for m, n in [(4, 4), (300, 100), (100, 300), (1000, 3)]:
        A, x = rng.standard_normal((m, n)), rng.standard_normal(n)
        y = np.zeros(m)
        lib.cblas_dgemv(ROW_MAJOR, NO_TRANS, m, n, ctypes.c_double(1.0), ptr(A), n, ptr(x), 1, ctypes.c_double(0.0),
                        ptr(y), 1)
        print(f"| dgemv ({m} × {n}) @ ({n},) | {same(y, A @ x)} |")
    for k in [16, 1000, 10000]:
        u, v = rng.standard_normal(k), rng.standard_normal(k)
        print(f"| ddot ({k},) @ ({k},) | {same(lib.cblas_ddot(k, ptr(u), 1, ptr(v), 1), u @ v)} |")


if __name__ == "__main__":
    sys.exit(main())
