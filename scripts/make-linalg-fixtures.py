#!/usr/bin/env python3
"""Regenerate the np.linalg fixtures used by Tests/NBRuntimeTests (LinalgFixtureTests).

Writes Tests/NBRuntimeTests/Fixtures/numpy-linalg.json: numpy's norm (every ord and
axis form), inv, solve, det, eigh and svd of seeded random matrices (well and badly conditioned, symmetric for
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

    # svd: square and rectangular, full and reduced. Singular values are unique; singular
    # vectors only up to sign (and, past min(m, n), any orthonormal completion), so the
    # test aligns signs with numpy's and compares the completion by U @ diag(S) @ Vh.
    for shape in ((1, 1), (2, 2), (3, 3), (5, 5), (4, 2), (2, 5), (8, 3), (6, 6), (20, 7)):
        a = rng.standard_normal(shape)
        u, s_, vh = np.linalg.svd(a)
        k = min(shape)
        gap = float(np.min(-np.diff(s_))) if k > 1 else 1.0
        vector_sensitivity = float(s_[0]) / min(gap, float(s_[-1])) if s_[-1] > 0 else float(s_[0]) / gap
        op("svd_S", [a], s_, sensitivity=1.0)
        op("svd_S_only", [a], np.linalg.svd(a, compute_uv=False), sensitivity=1.0)
        op("svd_U", [a], u[:, :k], sensitivity=vector_sensitivity)
        op("svd_Vh", [a], vh[:k], sensitivity=vector_sensitivity)
        op("svd_full_shapes", [a], np.array([u.shape[0], u.shape[1], vh.shape[0], vh.shape[1]], dtype=float),
           sensitivity=1.0)
        ur, sr, vhr = np.linalg.svd(a, full_matrices=False)
        op("svd_reduced_shapes", [a], np.array([ur.shape[0], ur.shape[1], vhr.shape[0], vhr.shape[1]], dtype=float),
           sensitivity=1.0)
        op("svd_reduced_S", [a], sr, sensitivity=1.0)

    # norm with ord: vector orders on 1-D inputs and along an axis, matrix orders on 2-D ones.
    vectors = [rng.standard_normal(9), np.array([3.0, -4.0, 0.0, 12.0]), rng.standard_normal(300) * 5]
    for x in vectors:
        for order in (np.inf, -np.inf, 0, 1, 2, 3, -1, 0.5, -2):
            op("norm_ord", [x], np.linalg.norm(x, ord=order), ord=str(order), sensitivity=1.0)
    matrices = [rng.standard_normal((4, 5)), rng.standard_normal((6, 6)) * 3, np.array([[1.0, -2.0], [3.0, 4.0]])]
    for x in matrices:
        for order in (np.inf, -np.inf, 0, 1, 2, 3, -1):
            for axis in (0, 1):
                op("norm_ord_axis", [x], np.linalg.norm(x, ord=order, axis=axis), ord=str(order), axis=axis,
                   sensitivity=1.0)
        for order in (None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf):
            op("norm_matrix", [x], np.linalg.norm(x, ord=order), ord=str(order), sensitivity=1.0)
            op("norm_matrix_axes", [x], np.linalg.norm(x, ord=order, axis=(1, 0)), ord=str(order), sensitivity=1.0)

    meta = {"numpy": np.__version__, "machine": platform.machine(), "generator": "scripts/make-linalg-fixtures.py"}
    with open(OUT, "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {len(cases)} cases, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
