#!/usr/bin/env python3
"""Regenerate the numpy fixtures used by Tests/NBRuntimeTests.

Writes two files under Tests/NBRuntimeTests/Fixtures/:

  numpy-print.json  str() of float64 arrays under numpy's default print options
  numpy-ops.json    results of operations, bit for bit, from numpy and scipy

Values are stored as 16-digit hex strings of the float64 bit patterns, so
every case is exact (nan payloads, -0.0 and denormals included). Large inputs
are described by a formula the Swift test recomputes exactly instead of being
stored, which keeps the files small.

Run from the repository root:  python3 scripts/make-print-fixtures.py
Needs numpy (2.4.x) and scipy (1.17.x); the versions are recorded in the files.
Results of exp, log, tanh and matmul depend on the CPU numpy runs on (SIMD
kernels and OpenBLAS); the machine is recorded too.
"""
import json
import os
import platform
import struct

import numpy as np
import scipy
from scipy.special import expit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NBRuntimeTests", "Fixtures")


def bits(a):
    a = np.ascontiguousarray(a, dtype=np.float64)
    return [struct.pack(">d", float(v)).hex() for v in a.ravel()]


def encode(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "bits": bits(a)}


def formula(n):
    """Exactly reproducible inputs, i = 0..<n, each step one IEEE operation:
    (((i * 7919) % 1000) / 7 - 50) * (1 + (i % 13) / 1000)."""
    i = np.arange(n, dtype=np.int64)
    v = ((i * 7919) % 1000).astype(np.float64) / 7.0 - 50.0
    return v * (1.0 + (i % 13).astype(np.float64) / 1000.0)


def encode_formula(shape):
    n = int(np.prod(shape))
    return {"shape": list(shape), "formula": "mod7919", "count": n}, formula(n).reshape(shape)


def print_cases(rng):
    arrays = []
    add = arrays.append
    # Rank 0: str() is the scalar repr.
    for v in [3.0, 0.5, -0.0, 0.0, 1e16, 1e15, 123456789012345.6, 1e-4, 9.9e-5, 1e-5, 1.5e-5,
              0.1 + 0.2, 1 / 3, -2.5, np.nan, np.inf, -np.inf, 5e-324, 1.7976931348623157e308,
              0.13434887664395717, 2.0 ** 53, 2.0 ** 60, 1e22, 1e23]:
        add(np.array(v))
    # Magnitudes and signs.
    for exponent in range(-12, 13):
        for size in (1, 3, 6):
            add(rng.standard_normal(size) * 10.0 ** exponent)
    for exponent in range(-6, 10, 2):
        add(np.abs(rng.standard_normal(5)) * 10.0 ** exponent)
        add(np.round(rng.standard_normal(5) * 10.0 ** exponent, 3))
    # Mixed magnitudes around the scientific-notation switch.
    add(np.array([1.0, 1000.0])); add(np.array([1.0, 1000.1])); add(np.array([1.0, 999.9]))
    add(np.array([1e-4, 0.1])); add(np.array([9.99e-5, 0.1])); add(np.array([1e8 - 1, 1.0]))
    add(np.array([1e8, 1.0])); add(np.array([99999999.5])); add(np.array([12345678.9, 1.0]))
    add(np.array([0.0, 1e-5])); add(np.array([0.0, 1e100, 1e-100])); add(np.array([1e-5, 1e100]))
    add(np.array([1.5e-300, 2.0])); add(np.array([5e-324, 1.0])); add(np.array([1.7976931348623157e308, -1.0]))
    # Integers as floats, zeros, negative zero.
    add(np.arange(10.0)); add(np.arange(-5.0, 5.0)); add(np.array([100.0, 2000.0, 30000.0]))
    add(np.zeros(4)); add(np.array([-0.0])); add(np.array([-0.0, 0.0])); add(np.array([-0.0, 1.5]))
    add(np.zeros((2, 3))); add(np.ones((3, 2))); add(np.array([1e7, 2e7])); add(np.array([-1e7, 2.0]))
    # Rounding at 8 fractional digits, including exact ties (k / 2^n).
    add(np.array([1 / 512, 3 / 512, 5 / 1024])); add(np.array([0.123456785, 0.123456775]))
    add(np.array([0.99999999995, 0.5])); add(np.array([9.999999999, 1.0])); add(np.array([2.0 / 3.0, 1 / 3]))
    add(np.array([0.1, 0.2, 0.30000000000000004])); add(np.array([1.0000000049, 1.000000005]))
    add(np.array([123.456789012345, -0.000123456789]))
    add(np.array([2.0 ** -20, 1.0])); add(np.array([1 + 2.0 ** -30, 2.0 ** -9]))
    for k in range(1, 40):
        add(np.array([k / 2.0 ** 9, -k / 2.0 ** 10, 1.0 + k / 2.0 ** 28]))
    # Non-finite values.
    add(np.array([np.nan])); add(np.array([np.nan, np.inf])); add(np.array([np.nan, -np.inf, np.inf]))
    add(np.array([1.5, np.nan])); add(np.array([-1.5, np.inf])); add(np.array([1e-7, np.nan, -np.inf]))
    add(np.array([[np.nan, 1.0], [2.0, -np.inf]])); add(np.array([1e10, np.nan]))
    # The notebook's values.
    add(np.array([0.036545, -0.036545])); add(np.array([0.08055583, 0.04885958]))
    add(np.array([0.03654500464023567, -0.03654500464023567]))
    # 2-D shapes, wrapping rows.
    for shape in [(1, 1), (1, 2), (2, 1), (2, 2), (3, 4), (4, 3), (1, 10), (10, 1), (5, 5)]:
        add(rng.standard_normal(shape)); add(np.round(rng.standard_normal(shape) * 100, 2))
    for n in (8, 9, 10, 12, 13, 20, 30, 60, 100):
        add(rng.standard_normal(n)); add(rng.standard_normal(n) * 1e-6)
        add(rng.standard_normal((2, n))); add(np.arange(float(n)))
    add(rng.standard_normal((3, 20)) * 1e5); add(rng.standard_normal((4, 17)) * 1e-3)
    add(np.array([[1e-5, 1.0] * 10])); add(np.full((2, 40), 1e100))
    # Higher rank.
    add(rng.standard_normal((2, 3, 4))); add(np.arange(24.0).reshape(2, 3, 2, 2))
    # Summarized (> 1000 elements).
    add(rng.standard_normal(1001)); add(np.arange(2000.0)); add(rng.standard_normal((40, 30)))
    add(rng.standard_normal((3, 400)) * 1e-5); add(np.arange(1200.0).reshape(2, 600) / 7)
    big = rng.standard_normal(1500); big[700] = 1e20; add(big)
    add(np.arange(1001.0).reshape(1001, 1)); add(rng.standard_normal((10, 11, 12)))
    add(np.array([], dtype=np.float64))
    return arrays


def matmul_kind(n, k, m):
    """numpy's matmul picks a kernel by shape: k == 1 is a plain loop, a 1x1
    result is BLAS dot, one-row or one-column operands go to BLAS gemv (whose
    summation order is OpenBLAS's own), everything else to gemm."""
    if k > 1 and (n == 1) != (m == 1):
        return "matmul_gemv"
    return "matmul"


def op_cases(rng):
    cases = []

    def case(op, inputs, result, **params):
        entry = {"op": op, "inputs": [encode(x) for x in inputs], "result": encode(result)}
        entry.update(params)
        cases.append(entry)

    # Matrix products in the shapes where OpenBLAS accumulates k in order with FMA.
    for (n, k, m) in [(1, 1, 1), (1, 1, 2), (2, 1, 2), (1, 2, 1), (1, 2, 2), (2, 2, 2), (2, 3, 4), (3, 4, 5),
                      (4, 8, 3), (5, 7, 6), (8, 15, 8), (1, 15, 1), (6, 12, 1), (16, 9, 16), (3, 15, 12)]:
        for _ in range(2):
            a, b = rng.standard_normal((n, k)), rng.standard_normal((k, m))
            case(matmul_kind(n, k, m), [a, b], a @ b)
    for (k, m) in [(1, 3), (2, 3), (3, 4)]:
        v, b = rng.standard_normal(k), rng.standard_normal((k, m))
        case(matmul_kind(1, k, m), [v, b], v @ b)
    for (n, k) in [(3, 1), (4, 2)]:
        a, v = rng.standard_normal((n, k)), rng.standard_normal(k)
        case(matmul_kind(n, k, 1), [a, v], a @ v)
    for k in (1, 2, 5, 15):
        u, v = rng.standard_normal(k), rng.standard_normal(k)
        case("matmul", [u, v], u @ v)
    # Broadcasting arithmetic.
    shapes = [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 3), (2, 1)), ((1, 3), (2, 1)), ((3,), (2, 1)),
              ((2, 3), ()), ((), (2, 3)), ((4, 1), (1, 5)), ((2, 3, 4), (3, 1)), ((1,), (5,))]
    for op, fn in [("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply), ("divide", np.divide)]:
        for sa, sb in shapes:
            a, b = rng.standard_normal(sa) * 3, rng.standard_normal(sb) * 3
            case(op, [np.asarray(a), np.asarray(b)], fn(a, b))
    with np.errstate(all="ignore"):
        special = np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 5e-324, 1e308])
        case("divide", [special, special[::-1].copy()], special / special[::-1])
        case("multiply", [special, special[::-1].copy()], special * special[::-1])
    # Reductions.
    for n in list(range(1, 20)) + [31, 64, 127, 128, 129, 200]:
        a = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
        case("sum", [a], np.sum(a)); case("mean", [a], np.mean(a))
    for shape in [(255,), (256,), (257,), (1000,), (1001,), (8193,), (20000,), (100000,), (300, 200), (1000, 37)]:
        desc, a = encode_formula(shape)
        cases.append({"op": "sum", "inputs": [desc], "result": encode(np.sum(a))})
        cases.append({"op": "mean", "inputs": [desc], "result": encode(np.mean(a))})
        for axis in range(len(shape)):
            cases.append({"op": "sum", "axis": axis, "inputs": [desc], "result": encode(np.sum(a, axis=axis))})
    for shape, axis in [((3, 4), 0), ((3, 4), 1), ((300, 5), 0), ((5, 300), 1), ((500, 1), 0), ((1, 500), 1),
                        ((4, 50, 3), 1), ((4, 50, 3), 2), ((4, 50, 3), 0), ((2, 3), -1)]:
        desc, a = encode_formula(shape)
        for op, fn, extra in [("sum", np.sum, {}), ("sum", np.sum, {"keepdims": True}),
                              ("mean", np.mean, {}), ("max", np.max, {})]:
            cases.append({"op": op, "axis": axis, **extra, "inputs": [desc],
                          "result": encode(fn(a, axis=axis, **extra))})
    case("sum", [np.array([-0.0, -0.0])], np.sum(np.array([-0.0, -0.0])))
    case("sum", [np.array([[-0.0], [-0.0]])], np.sum(np.array([[-0.0], [-0.0]]), axis=0), axis=0)
    case("max", [np.array([1.0, np.nan, 3.0])], np.max(np.array([1.0, np.nan, 3.0])))
    # Elementwise functions.
    x = np.concatenate([rng.standard_normal(150) * 5, rng.standard_normal(50) * 300,
                        [0.0, -0.0, 1e-300, -1e-300, 36.0, 37.0, 709.0, -709.0, 709.8, -745.0, -746.0, 710.0,
                         np.inf, -np.inf, np.nan, 5e-324, 1e308, -1e308]])
    pos = np.concatenate([np.abs(rng.standard_normal(200)) * 10.0 ** rng.integers(-5, 6, 200),
                          [0.0, 1.0, 2.0, 0.5, 1e-300, 5e-324, 1e308, np.inf, np.nan, -1.0, -0.0]])
    with np.errstate(all="ignore"):
        case("sigmoid", [x], expit(x))
        case("exp", [x], np.exp(x))
        case("log", [pos], np.log(pos))
        case("tanh", [x], np.tanh(x))
        case("relu", [x], np.maximum(x, 0))
        for p in (2.0, 0.5, -1.0, 1.0, 0.0):
            case("pow", [x], x ** p, exponent=p)
        case("squared", [x], np.square(x))
        case("negative", [x], -x)
    return cases


def main():
    rng = np.random.default_rng(20240601)
    meta = {"numpy": np.__version__, "scipy": scipy.__version__, "machine": platform.machine(),
            "generator": "scripts/make-print-fixtures.py"}
    prints = [{**encode(a), "str": str(a)} for a in print_cases(rng)]
    ops = op_cases(rng)
    os.makedirs(OUT, exist_ok=True)
    for name, cases in [("numpy-print.json", prints), ("numpy-ops.json", ops)]:
        path = os.path.join(OUT, name)
        with open(path, "w") as f:
            json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
