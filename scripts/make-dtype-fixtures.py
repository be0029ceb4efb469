#!/usr/bin/env python3
"""Regenerate the uint8/int32/float32 fixtures used by Tests/NBRuntimeTests.

Writes Tests/NBRuntimeTests/Fixtures/numpy-dtypes.json: numpy's results for the
dtypes bool, uint8, int32, int64, float32 and float64 under arithmetic between
every pair of types (NEP 50 promotion), Python scalars (weak promotion and
OverflowError), casts between every pair (astype), creation with dtype=,
reductions, elementwise functions, matrix products, in-place operators, and
str()/repr() of arrays and scalars under several print options.

A case is {"op", "inputs", "result"} where the Swift test maps "op" to the same
operation written in Swift (Tests/NBRuntimeTests/DTypeFixtureTests.swift). Arrays
are {"dtype", "shape", "values"}: float64 values as 16-digit hex bit patterns,
float32 values as 8-digit ones, integer and bool values as JSON integers. A result
also holds numpy's str() and repr(), or "error" with numpy's message when numpy
raises. Inputs come from a seeded generator, so a rerun gives the same file.

Run from the repository root:  python3 scripts/make-dtype-fixtures.py
Needs numpy 2.x (NEP 50 promotion); the version is recorded in the file.
"""
import json
import os
import platform
import struct
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NBRuntimeTests", "Fixtures", "numpy-dtypes.json")

TYPES = ["bool", "uint8", "int32", "int64", "float32", "float64"]


def encode(a):
    a = np.asarray(a)
    flat = a.ravel()
    if a.dtype == np.float64:
        values = ["%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0] for x in flat]
    elif a.dtype == np.float32:
        values = ["%08x" % struct.unpack("<I", struct.pack("<f", np.float32(x)))[0] for x in flat]
    else:
        values = [int(x) for x in flat]
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": values}


def result(value):
    a = np.asarray(value)
    out = encode(a)
    out["str"] = str(value)
    out["repr"] = repr(value)
    return out


# One 2x3 input per type, with each type's edge values.
INPUTS = {
    "bool": np.array([[True, False, True], [False, False, True]]),
    "uint8": np.array([[0, 1, 127], [128, 200, 255]], dtype=np.uint8),
    "int32": np.array([[-2147483648, -7, 0], [5, 100000, 2147483647]], dtype=np.int32),
    "int64": np.array([[-9, -1, 0], [3, 2**40, 7]], dtype=np.int64),
    "float32": np.array([[-1.5, 0.1, 3.4e38], [1e-7, -0.0, 1 / 3]], dtype=np.float32),
    "float64": np.array([[-2.5, 0.1, 1e300], [1e-310, 7.0, -1 / 3]], dtype=np.float64),
}

# Binary operations between two tensors; the Swift test has the same names.
BINARY = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "divide": lambda a, b: a / b,
    "remainder": lambda a, b: a % b,
    "maximum": np.maximum,
    "minimum": np.minimum,
    "less": lambda a, b: a < b,
    "equal": lambda a, b: a == b,
    "where": lambda a, b: np.where(np.array([True, False, True]), a, b),
    "concatenate": lambda a, b: np.concatenate([a, b]),
}

# Operations with Python scalars (a Swift literal or Int/Double variable in the test).
SCALAR = {
    "add_int": lambda a: a + 3,
    "rsub_int": lambda a: 1 - a,
    "multiply_int": lambda a: a * 2,
    "divide_int": lambda a: a / 2,
    "remainder_int": lambda a: a % 3,
    "add_float": lambda a: a + 1.5,
    "multiply_float": lambda a: a * 0.5,
    "rdivide_float": lambda a: 1.0 / a,
    "less_float": lambda a: a < 0.1,
    "equal_float": lambda a: a == np.float64(0.1).item(),
    "add_int_300": lambda a: a + 300,
    "power_2": lambda a: a**2,
}

UNARY = {
    "negative": lambda a: -a,
    "abs": np.abs,
    "square": np.square,
    "sign": np.sign,
    "sqrt": np.sqrt,
    "exp": np.exp,
    "log": np.log,
    "tanh": np.tanh,
    "sin": np.sin,
    "floor": np.floor,
    "round_2": lambda a: np.round(a, 2),
    "clip": lambda a: np.clip(a, 1, 100),
    "invert": lambda a: ~a,
    "sum": np.sum,
    "sum_axis0": lambda a: np.sum(a, axis=0),
    "sum_axis1": lambda a: np.sum(a, axis=-1),
    "mean": np.mean,
    "mean_axis1": lambda a: np.mean(a, axis=1),
    "var": np.var,
    "std_axis0": lambda a: np.std(a, axis=0),
    "max": np.max,
    "min_axis0": lambda a: np.min(a, axis=0),
    "argmax_axis1": lambda a: np.argmax(a, axis=1),
    "cumsum": np.cumsum,
    "matmul_T": lambda a: a @ a.T,
    "transpose": lambda a: a.T,
    "index_1": lambda a: a[1],
    "index_0_2": lambda a: a[0, 2],
}


def run(f, *args):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                value = f(*args)
                if np.asarray(value).dtype == np.float16:
                    # nbrun has no float16: uint8 input traps, bool input gives float64.
                    return {"float16": True}
                return {"result": result(value)}
    except Exception as e:  # numpy's own message is what the test expects
        return {"error": str(e)}


def main():
    cases = []
    for name, f in BINARY.items():
        for t in TYPES:
            for u in TYPES:
                case = {"op": name, "inputs": [encode(INPUTS[t]), encode(INPUTS[u])]}
                case.update(run(f, INPUTS[t], INPUTS[u]))
                cases.append(case)
    for name, f in list(SCALAR.items()) + list(UNARY.items()):
        for t in TYPES:
            case = {"op": name, "inputs": [encode(INPUTS[t])]}
            case.update(run(f, INPUTS[t]))
            cases.append(case)

    # astype between every pair, on values that show numpy's casts at the edges.
    cast_sources = {
        "float64": np.array([300.0, -1.0, 255.9, -0.5, 1e10, -1e10, np.nan, np.inf, -np.inf, 2.0**31, 0.1, 3e9]),
        "float32": np.array([300.0, -1.0, 255.9, -0.5, 1e10, np.nan, -np.inf, 0.1, 16777217.0], dtype=np.float32),
        "int64": np.array([2**40 + 5, -1, 300, 2**31, -(2**31) - 1, 2**53 + 1]),
        "int32": np.array([-2147483648, -1, 256, 70000, 16777217], dtype=np.int32),
        "uint8": np.array([0, 1, 255, 128], dtype=np.uint8),
        "bool": np.array([True, False]),
    }
    for t, a in cast_sources.items():
        for u in TYPES:
            case = {"op": "astype_" + u, "inputs": [encode(a)]}
            case.update(run(lambda x: x.astype(u), a))
            cases.append(case)

    # Long float32 and uint8 inputs: pairwise summation (blocks of 8 and 128) in float32,
    # reductions along both axes, and wrapped uint8 arithmetic over many elements.
    rng = np.random.default_rng(2023)
    long_inputs = [rng.standard_normal(1000).astype(np.float32) * 100, rng.standard_normal((20, 300)).astype(np.float32),
                   rng.integers(0, 256, (30, 50), dtype=np.uint8)]
    for a in long_inputs:
        for name, f in {"sum": np.sum, "sum_axis0": lambda a: np.sum(a, axis=0),
                        "sum_axis1": lambda a: np.sum(a, axis=-1), "mean": np.mean, "var": np.var}.items():
            case = {"op": name, "inputs": [encode(a)]}
            case.update(run(f, a))
            cases.append(case)

    # Creation with dtype=.
    for t in TYPES:
        for name, f in {
            "zeros": lambda: np.zeros((2, 3), dtype=t),
            "ones": lambda: np.ones(3, dtype=t),
            "full": lambda: np.full(2, 7, dtype=t),
            "arange": lambda: np.arange(5, dtype=t) if t != "bool" else np.arange(2, dtype=t),
            "array_ints": lambda: np.array([1, 2, 200], dtype=t),
            "array_floats": lambda: np.array([0.1, 2.5, -1.0], dtype=t),
            "array_300": lambda: np.array([300, -1], dtype=t),
            "eye": lambda: np.eye(2, dtype=t),
        }.items():
            case = {"op": "create_" + name + "_" + t, "inputs": []}
            case.update(run(f))
            cases.append(case)

    # In-place operators keep the left type (numpy's same_kind rule).
    for t in TYPES:
        for u in TYPES:
            def iadd(a, b):
                a = a.copy()
                a += b
                return a
            case = {"op": "iadd", "inputs": [encode(INPUTS[t]), encode(INPUTS[u])]}
            case.update(run(iadd, INPUTS[t], INPUTS[u]))
            cases.append(case)
        for name, f in {"iadd_float": lambda a: a.__iadd__(0.5), "imul_int": lambda a: a.__imul__(3),
                        "idiv_int": lambda a: a.__itruediv__(2)}.items():
            case = {"op": name, "inputs": [encode(INPUTS[t])]}
            case.update(run(lambda a: f(a.copy()), INPUTS[t]))
            cases.append(case)

    # Printing: str and repr of arrays of each new type, several shapes and options.
    rng = np.random.default_rng(23)
    print_inputs = [
        rng.standard_normal(7).astype(np.float32),
        (rng.standard_normal((3, 4)) * 1000).astype(np.float32),
        (rng.standard_normal((2, 3, 4)) * 1e-3).astype(np.float32),
        np.array([0.1, 0.2, 0.3, 1 / 3, 2 / 3], dtype=np.float32),
        np.array([1e7, 1.0, -np.inf, np.nan], dtype=np.float32),
        np.array([1e-4, 1.0, 100.0], dtype=np.float32),
        np.array([16777216.0, 3.4e38, 1.5e-45], dtype=np.float32),
        rng.standard_normal(1500).astype(np.float32),
        rng.standard_normal((40, 30)).astype(np.float32) * 10,
        rng.integers(0, 256, 30, dtype=np.uint8),
        rng.integers(0, 256, (4, 5), dtype=np.uint8),
        rng.integers(0, 256, 2000, dtype=np.uint8),
        rng.integers(-(2**31), 2**31, 25, dtype=np.int32),
        rng.integers(-100, 100, (3, 3), dtype=np.int32),
        rng.integers(-(2**31), 2**31, (30, 40), dtype=np.int32),
        np.array([], dtype=np.float32),
        np.zeros((0, 3), dtype=np.uint8),
        np.zeros((2, 0), dtype=np.int32),
        np.array([], dtype=np.float64),
        np.zeros((0, 2)),
        rng.standard_normal((3, 4)),
        rng.standard_normal(50),
        rng.standard_normal(1200),
        rng.integers(-1000, 1000, 40),
        rng.integers(-1000, 1000, (5, 6)),
        rng.standard_normal((2, 2, 3)) > 0,
        np.array([True, False]),
        np.array([1, 2, 3], dtype=np.int32),
        np.array([[1.5, 2.0], [3.25, -4.0]], dtype=np.float32),
    ]
    scalars = [np.float32(0.1), np.float32(1 / 3), np.float32(1e6), np.float32(999999.94), np.float32(1e-4),
               np.float32(-0.0), np.float32(np.nan), np.float32(16777216.0), np.int32(-5), np.uint8(200),
               np.float64(0.5), np.int64(3), np.True_, np.False_]
    option_sets = [{}, {"precision": 4, "suppress": True}, {"linewidth": 40}, {"threshold": 10, "edgeitems": 2}]
    for options in option_sets:
        for a in print_inputs:
            with np.printoptions(**options):
                cases.append({"op": "print", "options": options, "inputs": [encode(a)],
                              "result": {"str": str(a), "repr": repr(a)}})
        for s in scalars:
            with np.printoptions(**options):
                cases.append({"op": "print_scalar", "options": options, "inputs": [encode(np.array(s))],
                              "result": {"str": str(s), "repr": repr(s)}})

    data = {
        "generator": "scripts/make-dtype-fixtures.py",
        "numpy": np.__version__,
        "machine": platform.machine(),
        "cases": cases,
    }
    # One case per line: small, and a regenerated case shows as a one-line diff.
    header = json.dumps({k: v for k, v in data.items() if k != "cases"})[:-1]
    with open(OUT, "w") as f:
        f.write(header + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"{len(cases)} cases -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
