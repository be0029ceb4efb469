#!/usr/bin/env python3
"""Regenerate the np.linalg fixtures used by Tests/NBRuntimeTests (LinalgFixtureTests).

Writes Tests/NBRuntimeTests/Fixtures/numpy-linalg.json: numpy's norm, inv, solve,
det and eigh of seeded random matrices (well and badly conditioned, symmetric for
eigh), each {"op", "inputs", "result"} with arrays as {"shape", "values"} and float64
values as 16-digit hex bit patterns, so the test compares bits and counts ulps.

numpy runs these through its bundled OpenBLAS's LAPACK, nbrun through Debian's
OpenBLAS: the same routines (gesv, getrf, syevd, ddot), built from other versions,
so results agree to a few ulps rather than bit for bit; the test states the bounds,
which scale with each case's "sensitivity" (the condition number for inv, solve and
det; the largest eigenvalue over the smallest gap for eigenvectors).

Run from the repository root:  python3 scripts/make-linalg-fixtures.py
"""
import json
import os
import platform
import struct

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NBRuntimeTests", "Fixtures", "numpy-linalg.json")


def encode(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "values": [struct.pack(">d", float(v)).hex() for v in a.ravel()]}


def main():
    rng = np.random.default_rng(20261206)
    cases = []

    def op(name, inputs, result, **params):
        cases.append({"op": name, "inputs": [encode(x) for x in inputs], "params": params,
                      "result": encode(result)})

    square = [rng.standard_normal((n, n)) for n in (1, 2, 3, 5, 8, 20)]
    square.append(np.array([[1.0, 2.0], [3.0, 4.0]]))
    square.append(np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]))
    # Nearly singular: the Hilbert matrix of order 6 (condition number about 1.5e7).
    hilbert = 1.0 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1.0)
    square.append(hilbert)
    for a in square:
        # How much rounding a problem amplifies: the condition number for inv, solve and
        # det, and |w|max / (smallest gap between eigenvalues) for eigenvectors.
        cond = float(np.linalg.cond(a))
        op("inv", [a], np.linalg.inv(a), sensitivity=cond)
        op("det", [a], np.linalg.det(a), sensitivity=cond)
        b = rng.standard_normal(a.shape[0])
        op("solve", [a, b], np.linalg.solve(a, b), sensitivity=cond)
        bs = rng.standard_normal((a.shape[0], 3))
        op("solve", [a, bs], np.linalg.solve(a, bs), sensitivity=cond)
        sym = a + a.T
        w, v = np.linalg.eigh(sym)
        gap = float(np.min(np.diff(w))) if len(w) > 1 else 1.0
        op("eigh_values", [sym], w, sensitivity=1.0)
        op("eigh_vectors", [sym], v, sensitivity=float(np.max(np.abs(w))) / gap)
    op("det", [np.array([[1.0, 2.0], [2.0, 4.0]])], np.linalg.det(np.array([[1.0, 2.0], [2.0, 4.0]])), sensitivity=1.0)
    op("det", [np.array([[2.0, 0.0], [0.0, 3.0]])], np.linalg.det(np.array([[2.0, 0.0], [0.0, 3.0]])), sensitivity=1.0)
    for x in (rng.standard_normal(7), rng.standard_normal(100), rng.standard_normal((4, 5)) * 10,
              np.array([3.0, 4.0]), np.arange(1000.0) / 7):
        op("norm", [x], np.linalg.norm(x), sensitivity=1.0)
        if x.ndim == 2:
            for axis in (0, 1):
                op("norm_axis", [x], np.linalg.norm(x, axis=axis), axis=axis, sensitivity=1.0)

    meta = {"numpy": np.__version__, "machine": platform.machine(), "generator": "scripts/make-linalg-fixtures.py"}
    with open(OUT, "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {len(cases)} cases, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
