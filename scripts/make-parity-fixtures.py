#!/usr/bin/env python3
"""Regenerate the numpy-parity fixtures used by Tests/NBRuntimeTests.

Writes Tests/NBRuntimeTests/Fixtures/numpy-parity.json: operations on float64,
int64 and bool arrays (type promotion, creation, maths, reductions, joining,
comparisons, indexing) and str() under np.set_printoptions, each with numpy's
result: its dtype, shape, values and str().

Arrays are stored as {"dtype", "shape", "values"}: float64 values as 16-digit
hex bit patterns (exact, with nan, -0.0 and infinities), int64 and bool values
as JSON integers. A case is {"op", "inputs", "params", "result"} or, for
printing, {"op": "str", "inputs", "options", "str"}. Inputs come from a seeded
generator, so a rerun gives the same file.

Also writes Tests/NBRuntimeTests/Fixtures/numpy-int64.json: the same kinds of
cases on int64 values beyond 2^53 (where a double can't hold every integer) and
at the ends of the int64 range, where numpy's arithmetic wraps around.

Run from the repository root:  python3 scripts/make-parity-fixtures.py
Needs numpy 2.x; the version is recorded in the file.
"""
import json
import os
import platform
import struct

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NBRuntimeTests", "Fixtures", "numpy-parity.json")


FORMULAS = {}


def formula(shape, dtype="float64"):
    """A large input described by a formula the Swift test recomputes exactly,
    which keeps the file small. float64: the print script's "mod7919",
    (((i * 7919) % 1000) / 7 - 50) * (1 + (i % 13) / 1000); int64: "mod7919int",
    (i * 7919) % 1000 - 500; bool: "mod3", i % 3 == 0."""
    i = np.arange(int(np.prod(shape)), dtype=np.int64)
    if dtype == "float64":
        name, a = "mod7919", (((i * 7919) % 1000).astype(np.float64) / 7.0 - 50.0) * (1.0 + (i % 13) / 1000.0)
    elif dtype == "int64":
        name, a = "mod7919int", (i * 7919) % 1000 - 500
    else:
        name, a = "mod3", i % 3 == 0
    a = a.reshape(shape)
    # Keep the array alive, so that its id is never reused by another one.
    FORMULAS[id(a)] = (a, {"dtype": dtype, "shape": list(shape), "formula": name})
    return a


def encode(a):
    if id(a) in FORMULAS and FORMULAS[id(a)][0] is a:
        return FORMULAS[id(a)][1]
    a = np.asarray(a)
    if a.dtype == np.float64:
        values = [struct.pack(">d", float(v)).hex() for v in a.ravel()]
    elif a.dtype == np.bool_:
        values = [int(v) for v in a.ravel()]
    elif a.dtype == np.int64:
        values = [int(v) for v in a.ravel()]
    else:
        raise TypeError(f"unsupported dtype {a.dtype}")
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": values}


class Cases:
    def __init__(self):
        self.cases = []

    def op(self, name, inputs, result, **params):
        result = np.asarray(result)
        self.cases.append({"op": name, "inputs": [encode(x) for x in inputs], "params": params,
                           "result": {**encode(result), "str": str(result)}})

    def printed(self, a, **options):
        with np.printoptions(**options):
            text = str(a)
        self.cases.append({"op": "str", "inputs": [encode(a)], "options": options, "str": text})


def arrays(rng):
    """A few inputs of each type and shape for the elementwise operations."""
    return {
        "float64": [rng.standard_normal((2, 3)) * 3, np.array([0.0, -0.0, 1.5, -2.5, np.nan, np.inf, -np.inf, 7.0])],
        "int64": [rng.integers(-9, 10, (2, 3)), np.array([0, -1, 2, -3, 4, 5, -6, 7])],
        "bool": [rng.integers(0, 2, (2, 3)).astype(bool), np.array([True, False, True, True, False, False, True, False])],
    }


def arithmetic(c, rng):
    data = arrays(rng)
    types = ["bool", "int64", "float64"]
    with np.errstate(all="ignore"):
        for left in types:
            for right in types:
                for i in range(2):
                    a, b = data[left][i], data[right][i]
                    if right == "int64":
                        b = np.where(b == 0, 3, b)  # keep integer remainders defined
                    c.op("add", [a, b], a + b)
                    if not (left == right == "bool"):
                        c.op("subtract", [a, b], a - b)
                    c.op("multiply", [a, b], a * b)
                    c.op("divide", [a, b], a / b)
                    if "bool" not in (left, right):
                        c.op("mod", [a, b], a % b)
                # broadcasting between types
                a, b = data[left][0], data[right][0][0]
                c.op("add", [a, b], a + b)
            a = data[left][0]
            for k in (3, -2, 0):
                c.op("add_int", [a], a + k, scalar=k)
                c.op("radd_int", [a], k + a, scalar=k)
                c.op("subtract_int", [a], a - k, scalar=k)
                c.op("rsubtract_int", [a], k - a, scalar=k)
                c.op("multiply_int", [a], a * k, scalar=k)
                c.op("divide_int", [a], a / k, scalar=k)
                c.op("rdivide_int", [a], k / a, scalar=k)
            for x in (0.5, -2.0):
                c.op("add_float", [a], a + x, scalar=x)
                c.op("multiply_float", [a], a * x, scalar=x)
                c.op("rsubtract_float", [a], x - a, scalar=x)
                c.op("divide_float", [a], a / x, scalar=x)
            if left != "bool":
                c.op("negative", [a], -a)
            c.op("abs", [a], np.abs(a))
            square = np.square(data[left][1])
            c.op("square", [data[left][1]], square.astype(np.int64) if left == "bool" else square)
        x = np.array([5.5, -5.5, 7.0, -7.0, 0.0, -0.0, 1e300, 3.25])
        y = np.array([2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 7.0, -0.5])
        c.op("mod", [x, y], x % y)


def maths(c, rng):
    x = np.concatenate([rng.standard_normal(20) * 4, [0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, np.nan, np.inf, -np.inf]])
    pos = np.concatenate([np.abs(rng.standard_normal(20)) * 10, [0.0, 1.0, 4.0, 2.0, np.inf, np.nan]])
    ints = np.array([-3, -1, 0, 1, 2, 7, 10])
    with np.errstate(all="ignore"):
        c.op("sqrt", [pos], np.sqrt(pos))
        c.op("sqrt", [ints], np.sqrt(ints))
        c.op("sign", [x], np.sign(x))
        c.op("sign", [ints], np.sign(ints))
        c.op("floor", [x], np.floor(x))
        c.op("ceil", [x], np.ceil(x))
        for d in (-2, -1, 0, 1, 2, 3, 5):
            c.op("round", [x * 37.3], np.round(x * 37.3, d), decimals=d)
        c.op("round", [ints * 15], np.round(ints * 15, -1), decimals=-1)
        c.op("round", [ints], np.round(ints, 2), decimals=2)
        for p in (2.0, 0.5, -1.0, 1.0, 0.0):
            c.op("power_scalar", [x], np.power(x, p), exponent=p)
        for p in (3.0, -2.5):
            c.op("power_libm", [x], np.power(x, p), exponent=p)
        c.op("power", [ints, np.array([2, 3, 0, 5, 1, 2, 3])], np.power(ints, np.array([2, 3, 0, 5, 1, 2, 3])))
        c.op("power_int", [ints], ints ** 2, exponent=2)
        zeros = np.array([0.0, -0.0, 0.0, -0.0, np.nan, 1.0, np.nan, 2.0, 3.0])
        other = np.array([-0.0, 0.0, 0.0, -0.0, 1.0, np.nan, np.nan, 2.0, -3.0])
        for name, fn in [("maximum", np.maximum), ("minimum", np.minimum)]:
            c.op(name, [zeros, other], fn(zeros, other))
            c.op(name, [x[:20].reshape(4, 5), x[20:25]], fn(x[:20].reshape(4, 5), x[20:25]))
            c.op(name, [ints, np.array([0.5])], fn(ints, np.array([0.5])))
            c.op(name, [ints, np.array(2)], fn(ints, np.array(2)))
        c.op("clip", [x, np.array(-1.0), np.array(2.0)], np.clip(x, -1.0, 2.0))
        c.op("clip", [zeros, np.array(0.0), np.array(-0.0)], np.clip(zeros, 0.0, -0.0))
        c.op("clip", [ints, np.array(0), np.array(5)], np.clip(ints, 0, 5))
        c.op("clip", [ints, np.array(0.5), np.array(5.0)], np.clip(ints, 0.5, 5.0))
        c.op("clip", [zeros, np.array(-0.0), np.array(0.0)], np.clip(zeros, -0.0, 0.0))
        c.op("clip", [zeros, np.array(np.nan), np.array(1.0)], np.clip(zeros, np.nan, 1.0))
        c.op("clip", [x[:8], zeros[:8], other[:8]], np.clip(x[:8], zeros[:8], other[:8]))
        c.op("clip_min", [x, np.array(0.5)], np.clip(x, 0.5, None))
        c.op("clip_max", [ints, np.array(2)], np.clip(ints, None, 2))
        cond = rng.integers(0, 2, (3, 4)).astype(bool)
        a, b = rng.standard_normal((3, 4)), rng.integers(0, 9, (4,))
        c.op("where", [cond, a, b], np.where(cond, a, b))
        c.op("where", [cond, b, np.array(-1)], np.where(cond, b, -1))
        c.op("log1p", [pos], np.log1p(pos))


def reductions(c, rng):
    f = rng.standard_normal((4, 5)) * 10
    f[1, 2] = -0.0
    i = rng.integers(-20, 20, (4, 5))
    b = rng.integers(0, 2, (4, 5)).astype(bool)
    for a in (f, i, b):
        for axis in (None, 0, 1, -1):
            for keepdims in (False, True):
                kw = {"keepdims": keepdims} if axis is None else {"axis": axis, "keepdims": keepdims}
                c.op("sum", [a], np.sum(a, **kw), **kw)
                c.op("mean", [a], np.mean(a, **kw), **kw)
                c.op("min", [a], np.min(a, **kw), **kw)
                c.op("max", [a], np.max(a, **kw), **kw)
                for ddof in (0, 1):
                    c.op("var", [a], np.var(a, ddof=ddof, **kw), ddof=ddof, **kw)
                    c.op("std", [a], np.std(a, ddof=ddof, **kw), ddof=ddof, **kw)
            if axis is not None:
                c.op("argmin", [a], np.argmin(a, axis=axis), axis=axis)
                c.op("argmax", [a], np.argmax(a, axis=axis), axis=axis)
                c.op("argmax", [a], np.argmax(a, axis=axis, keepdims=True), axis=axis, keepdims=True)
                c.op("cumsum", [a], np.cumsum(a, axis=axis), axis=axis)
        c.op("argmin", [a], np.argmin(a))
        c.op("argmax", [a], np.argmax(a))
        c.op("cumsum", [a], np.cumsum(a))
        c.op("any", [a], np.any(a))
        c.op("all", [a], np.all(a))
    for data in ([0.0, -0.0], [-0.0, 0.0], [1.0, np.nan, 3.0], [np.nan, 1.0], [2.0, 5.0, 5.0, 1.0, 1.0]):
        a = np.array(data)
        for name in ("min", "max"):
            c.op(name, [a], getattr(np, name)(a))
        c.op("argmin", [a], np.argmin(a))
        c.op("argmax", [a], np.argmax(a))
    big = formula((300, 7))
    for axis in (None, 0, 1):
        kw = {} if axis is None else {"axis": axis}
        c.op("var", [big], np.var(big, **kw), **kw)
        c.op("std", [big], np.std(big, **kw), **kw)


def creation(c):
    for args in [(5,), (0,), (2, 9), (9, 2), (1, 10, 3), (10, 1, -3), (-4, 4, 2), (0, 7, 7)]:
        c.op("arange_int", [], np.arange(*args), args=list(args))
    for args in [(0.0, 1.0, 0.1), (1.0, 2.0, 0.3), (-1.0, 1.0, 0.25), (0.5, 10.0, 1.5), (5.0,), (3.0, 0.0, -0.7),
                 (0.0, 0.3, 0.1), (1e-3, 1.0, 0.07)]:
        c.op("arange_float", [], np.arange(*args), args=list(args))
    for start, stop, num, endpoint in [(0.0, 1.0, 5, True), (0.0, 1.0, 7, False), (-3.0, 7.0, 11, True),
                                       (0.0, 1.0, 1, True), (2.0, 2.0, 3, True), (0.1, 0.9, 50, True),
                                       (1.0, -1.0, 6, True), (0.0, 1e-310, 4, True)]:
        c.op("linspace", [], np.linspace(start, stop, num, endpoint=endpoint), start=start, stop=stop, num=num,
             endpoint=endpoint)
    for n, m, k, dtype in [(3, None, 0, "float64"), (3, 4, 1, "float64"), (4, 3, -2, "float64"),
                           (2, None, 0, "int64"), (3, 3, 5, "float64")]:
        c.op("eye", [], np.eye(n, m, k, dtype=dtype), n=n, m=m, k=k, dtype=dtype)
    c.op("full_int", [], np.full((2, 3), 7), shape=[2, 3], value=7)
    c.op("full_float", [], np.full((2, 3), 0.5), shape=[2, 3], value=0.5)
    c.op("array_int", [], np.array([[2, 0, 1], [5, -3, 4]]))
    c.op("array_bool", [], np.array([[True, False], [False, True]]))
    c.op("array_mixed", [], np.array([[1, 2.5], [3, 4]]))


def joining(c, rng):
    a, b = rng.standard_normal((2, 3)), rng.integers(0, 9, (2, 3))
    d = rng.integers(0, 2, (2, 3)).astype(bool)
    for axis in (0, 1, -1):
        c.op("concatenate", [a, b, d], np.concatenate([a, b, d], axis=axis), axis=axis)
    for axis in (0, 1, 2, -1):
        c.op("stack", [a, b], np.stack([a, b], axis=axis), axis=axis)
    u, v = np.array([1, 2, 3]), np.array([4.5, 5.5, 6.5])
    c.op("vstack", [u, v], np.vstack([u, v]))
    c.op("hstack", [u, v], np.hstack([u, v]))
    c.op("vstack", [a, b], np.vstack([a, b]))
    c.op("hstack", [a, b], np.hstack([a, b]))
    t = rng.standard_normal((2, 3, 4))
    for axes in ([0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0]):
        c.op("transpose", [t], np.transpose(t, axes), axes=axes)
    c.op("transpose", [t], np.transpose(t))
    c.op("outer", [u, v], np.outer(u, v))
    c.op("dot", [u, u], np.dot(u, u))
    c.op("dot", [a, a.T.copy()], np.dot(a, a.T))
    c.op("dot", [np.array(2.5), a], np.dot(2.5, a))
    w = rng.standard_normal(4)
    for x, y in [(w, w + 1e-9), (w, w + 1e-3), (np.array([np.inf, np.nan, 1.0]), np.array([np.inf, np.nan, 1.0]))]:
        c.op("isclose", [x, y], np.isclose(x, y))
        c.op("allclose", [x, y], np.allclose(x, y))
        c.op("isclose_equal_nan", [x, y], np.isclose(x, y, equal_nan=True))
    c.op("array_equal", [u, np.array([1.0, 2.0, 3.0])], np.array_equal(u, np.array([1.0, 2.0, 3.0])))
    c.op("array_equal", [u, v], np.array_equal(u, v))


def index_tuple(specs):
    """The numpy index for a list of specs (see `indexing`)."""
    out = []
    for kind, value in specs:
        if kind == "int":
            out.append(value)
        elif kind == "slice":
            out.append(slice(*value))
        elif kind == "newaxis":
            out.append(None)
        else:
            out.append(np.asarray(value))
    return tuple(out)


def encode_specs(specs):
    result = []
    for kind, value in specs:
        if kind == "int":
            result.append({"kind": "int", "value": value})
        elif kind == "slice":
            start, stop, step = value
            result.append({"kind": "slice", "start": start, "stop": stop, "step": step})
        elif kind == "newaxis":
            result.append({"kind": "newaxis"})
        else:
            result.append({"kind": "array", "array": encode(np.asarray(value))})
    return result


def indexing(c, rng):
    """Basic and advanced indexing and assignment. Specs are (kind, value):
    ("int", i), ("slice", (start, stop, step)), ("newaxis", None), ("array", list)."""
    a = rng.integers(-50, 50, (4, 5, 3))
    m = rng.standard_normal((5, 4))
    v = np.arange(10) * 1.5
    S = lambda *x: ("slice", x)
    A = lambda x: ("array", x)
    I = lambda i: ("int", i)
    N = ("newaxis", None)
    cases = [
        (v, [I(3)]), (v, [I(-1)]), (v, [S(2, 5, 1)]), (v, [S(None, None, -1)]), (v, [S(-3, None, 1)]),
        (v, [S(None, -2, 1)]), (v, [S(1, None, 3)]), (v, [S(8, 2, -2)]), (v, [S(20, 30, 1)]), (v, [S(-20, 3, 1)]),
        (v, [A([0, 2, -1])]), (v, [A([[1, 2], [3, 4]])]), (v, [A(v > 5)]), (v, [N]), (v, [S(None, None, 1), N]),
        (m, [I(1)]), (m, [I(1), I(2)]), (m, [S(None, None, 1), I(1)]), (m, [S(0, 2, 1)]), (m, [S(1, 3, 1), S(2, None, 1)]),
        (m, [A([2, 0, 1])]), (m, [A([0, 1, 2]), A([3, 2, 1])]), (m, [S(None, None, 1), A([0, 0, 3])]),
        (m, [A([[0], [4]]), A([1, 3])]), (m, [A(m > 0)]), (m, [A(m[:, 0] > 0)]), (m, [A(m[:, 0] > 0), I(1)]),
        (m, [A([1, 3]), S(1, 3, 1)]), (m, [I(-1), A([0, 2])]), (m, [N, S(None, None, 1), I(0)]),
        (m, [S(None, None, 1), N, I(2)]), (m, [S(None, None, -1), S(None, None, 2)]),
        (a, [I(1)]), (a, [I(1), S(None, None, 1), I(2)]), (a, [S(None, None, 1), I(1), S(None, None, 1)]),
        (a, [A([0, 2]), S(None, None, 1), A([1, 0])]), (a, [S(None, None, 1), A([0, 2]), A([1, 0])]),
        (a, [A([0, 2]), A([1, 0])]), (a, [I(0), S(None, None, 1), A([2, 0])]), (a, [A([3, 1]), I(2)]),
        (a, [A(a > 40)]), (a, [A(a[:, :, 0] > 0)]), (a, [S(None, None, 1), S(None, None, 1), I(-1)]),
        (np.eye(3), [A([2, 0, 1, 1])]), (np.arange(12).reshape(3, 4) > 5, [I(1)]),
    ]
    for array, specs in cases:
        index = index_tuple(specs)
        c.op("index", [array], array[index], index=encode_specs(specs))
    sets = [
        (v, [S(2, 5, 1)], np.array(-1.0)), (v, [A([0, 2, 2])], np.array([7.0, 8.0, 9.0])), (v, [A(v > 5)], np.array(0.0)),
        (m, [S(None, None, 1), I(1)], np.array([1.0, 2.0, 3.0, 4.0, 5.0])), (m, [I(0)], np.array([9.0])),
        (m, [A(m < 0)], np.array(0.0)), (m, [A([0, 1]), A([2, 3])], np.array([5.0, 6.0])),
        (m, [S(1, 3, 1), S(None, None, 1)], np.array([[1.0], [2.0]])), (a, [I(0), S(None, None, 1), I(1)], np.array(7)),
        (a, [A(a < 0)], np.array(0)), (a, [S(None, None, 1), I(0)], np.array([1.5, -1.5, 2.5])),
        (np.zeros((3, 3)), [A([0, 1, 2]), A([2, 1, 0])], np.array(1.0)),
    ]
    for array, specs, value in sets:
        result = array.copy()
        result[index_tuple(specs)] = value
        c.op("index_set", [array, value], result, index=encode_specs(specs))
    x = np.array([0.0, -0.0, 1.0, np.nan, -np.inf, 2.0])
    y = np.array([-0.0, 0.0, 2.0, np.nan, -np.inf, 1.0])
    ints = rng.integers(-3, 4, (3, 4))
    for name, fn in [("equal", np.equal), ("not_equal", np.not_equal), ("less", np.less),
                     ("less_equal", np.less_equal), ("greater", np.greater), ("greater_equal", np.greater_equal)]:
        c.op(name, [x, y], fn(x, y))
        c.op(name, [ints, ints[0]], fn(ints, ints[0]))
        c.op(name, [ints, np.array(0.5)], fn(ints, 0.5))
    p, q = rng.integers(0, 2, (2, 5)).astype(bool)
    c.op("and", [p, q], p & q)
    c.op("or", [p, q], p | q)
    c.op("xor", [p, q], p ^ q)
    c.op("invert", [p], ~p)
    c.op("and", [ints, ints.T[0:3, 0:1].copy()], ints & ints.T[0:3, 0:1])
    c.op("invert", [ints], ~ints)
    c.op("nonzero", [m > 0], np.stack(np.nonzero(m > 0)))


def printing(c, rng):
    ints = [np.array([0, 1, 0]), np.array([-1, 2, 30]), np.array([[1, -200], [3, 4]]), np.arange(40),
            np.arange(-5, 5).reshape(2, 5) * 1234567, np.array([2 ** 53, -(2 ** 53)]), np.arange(24).reshape(2, 3, 4),
            formula((2000,), "int64"), formula((30, 100), "int64"), np.array([], dtype=np.int64),
            np.array(7), np.array(-12)]
    bools = [np.array([True, False]), np.array([[True, False]]), np.array([[True], [False]]),
             rng.integers(0, 2, 30).astype(bool), rng.integers(0, 2, (3, 4)).astype(bool),
             formula((1500,), "bool"), formula((40, 40), "bool"), np.array(True)]
    floats = [rng.standard_normal(5), rng.standard_normal((3, 4)) * 100, np.array([1e-10, 1.0, 123.456]),
              np.array([-1e-10, 2.5e-7, 1.0]), np.array([1e-9, 2e-9]), np.array([1e8, 1.0, 1e-3]),
              np.array([0.1 + 0.2, 1 / 3, 2 / 3]), formula((2000,)), formula((50, 50)),
              np.array([np.nan, np.inf, -1e-12, 0.5]), np.array(1 / 3), rng.standard_normal((4, 30)),
              np.arange(30.0) / 7]
    for a in ints + bools + floats:
        c.printed(a)
    options = [dict(precision=4), dict(precision=3, suppress=True), dict(precision=0), dict(precision=2),
               dict(precision=12), dict(suppress=True), dict(linewidth=20), dict(linewidth=40), dict(linewidth=120),
               dict(threshold=5), dict(threshold=10, edgeitems=2), dict(threshold=0, edgeitems=1),
               dict(edgeitems=5), dict(threshold=100, edgeitems=4, linewidth=60), dict(precision=4, suppress=True,
               linewidth=100), dict(threshold=2 ** 62)]
    small = ints[:6] + bools[:5] + [a for a in floats if a.size <= 200]
    large = [ints[7], floats[7], floats[8]]
    for opts in options:
        for a in small:
            c.printed(a, **opts)
    for opts in [dict(threshold=5), dict(threshold=100, edgeitems=4, linewidth=60), dict(precision=3, suppress=True),
                 dict(edgeitems=1)]:
        for a in large:
            c.printed(a, **opts)


def wide_integers(c):
    """int64 values a double can't hold exactly, and overflow, which wraps in numpy."""
    big = np.array([2**53, 2**53 + 1, 2**62 + 3, -(2**63), 2**63 - 1, -(2**53) - 1], dtype=np.int64)
    near = big + np.array([1, -1, 0, 0, 0, 2], dtype=np.int64)
    small = np.array([3, -7, 2, 5, -1, 11], dtype=np.int64)
    with np.errstate(all="ignore"):
        for op, fn in [("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply), ("mod", np.mod),
                       ("maximum", np.maximum), ("minimum", np.minimum), ("equal", np.equal),
                       ("not_equal", np.not_equal), ("less", np.less), ("greater_equal", np.greater_equal),
                       ("and", np.bitwise_and), ("xor", np.bitwise_xor), ("divide", np.divide)]:
            c.op(op, [big, near], fn(big, near))
            c.op(op, [big, small], fn(big, small))
        for k in (1, -1, 3):
            c.op("add_int", [big], big + k, scalar=k)
            c.op("subtract_int", [big], big - k, scalar=k)
            c.op("multiply_int", [big], big * k, scalar=k)
        c.op("negative", [big], -big)
        c.op("abs", [big], np.abs(big))
        c.op("square", [big], np.square(big))
        c.op("power_int", [small], np.power(small, 23), exponent=23)
        c.op("sign", [big], np.sign(big))
        c.op("invert", [big], ~big)
        for op, fn in [("sum", np.sum), ("max", np.max), ("min", np.min), ("cumsum", np.cumsum)]:
            c.op(op, [big], fn(big))
        m = big.reshape(2, 3)
        c.op("sum", [m], np.sum(m, axis=0), axis=0)
        c.op("sum", [m], np.sum(m, axis=1, keepdims=True), axis=1, keepdims=True)
        c.op("argmax", [big], np.argmax(big))
        c.op("argmin", [m], np.argmin(m, axis=1), axis=1)
        c.op("mean", [big], np.mean(big))
        c.op("dot", [m, big.reshape(3, 2)], np.dot(m, big.reshape(3, 2)))
        c.op("transpose", [m], np.transpose(m))
        c.op("concatenate", [m, small.reshape(2, 3)], np.concatenate([m, small.reshape(2, 3)]))
        c.op("stack", [big, near], np.stack([big, near], axis=1), axis=1)
        c.op("where", [big > 0, big, near], np.where(big > 0, big, near))
        c.op("clip", [big, np.array(-(2**60)), np.array(2**61 + 5)], np.clip(big, -(2**60), 2**61 + 5))
        c.op("index", [big], big[[4, 1, 1]], index=encode_specs([("array", [4, 1, 1])]))
        c.op("index", [m], m[m > 0], index=encode_specs([("array", m > 0)]))
        result = big.copy()
        result[[0, 2]] = np.array([2**63 - 2, -(2**62) - 9])
        c.op("index_set", [big, np.array([2**63 - 2, -(2**62) - 9])], result,
             index=encode_specs([("array", [0, 2])]))
    for a in [big, m, np.array(2**63 - 1), np.array([-(2**63), 5])]:
        c.printed(a)


def breadth(c, rng):
    """Issue 23's functions: trigonometry, joining, repeating, sorting, counting, statistics."""
    x = np.concatenate([rng.standard_normal(10) * 2, [0.0, -0.0, 0.5, -1.0, 1.0, np.nan, np.inf, -np.inf]])
    unit = np.concatenate([rng.uniform(-1, 1, 8), [1.0, -1.0, 0.0, 1.5]])
    ints = rng.integers(-5, 6, (2, 3))
    for name in ("sin", "cos", "tan", "arctan", "sinh", "cosh", "arcsinh", "deg2rad", "rad2deg"):
        c.op(name, [x], getattr(np, name)(x))
        c.op(name, [ints], getattr(np, name)(ints))
    for name in ("arcsin", "arccos", "arctanh"):
        c.op(name, [unit], getattr(np, name)(unit))
    big = np.concatenate([rng.uniform(1, 5, 6), [1.0, 0.5]])
    c.op("arccosh", [big], np.arccosh(big))
    a, b = rng.standard_normal((2, 3)), rng.standard_normal(3)
    c.op("arctan2", [a, b], np.arctan2(a, b))
    c.op("arctan2", [np.array([0.0, -0.0, 0.0, -0.0]), np.array([0.0, 0.0, -0.0, -0.0])],
         np.arctan2(np.array([0.0, -0.0, 0.0, -0.0]), np.array([0.0, 0.0, -0.0, -0.0])))
    c.op("hypot", [a, b], np.hypot(a, b))
    c.op("hypot", [ints, np.array(4)], np.hypot(ints, 4))
    u, v = np.array([1, 2, 3]), np.array([4.5, 5.5, 6.5])
    m = rng.integers(0, 9, (3, 2))
    c.op("column_stack", [u, v], np.column_stack([u, v]))
    c.op("column_stack", [u, m], np.column_stack([u, m]))
    c.op("c_", [u, v], np.c_[u, v])
    c.op("c_", [m, m], np.c_[m, m])
    c.op("r_", [u, v], np.r_[u, v])
    c.op("dstack", [u, v], np.dstack([u, v]))
    c.op("dstack", [a, a], np.dstack([a, a]))
    for reps in ([2], [2, 1], [1, 3], [2, 2, 1]):
        c.op("tile", [ints], np.tile(ints, reps), reps=reps)
    c.op("tile", [u], np.tile(u, 3), reps=[3])
    for axis in (None, 0, 1, -1):
        c.op("repeat", [ints], np.repeat(ints, 2, axis=axis), repeats=2, axis=axis)
    labels = rng.integers(0, 5, 20)
    c.op("bincount", [labels], np.bincount(labels))
    c.op("bincount", [labels], np.bincount(labels, minlength=8), minlength=8)
    weights = rng.standard_normal(20)
    c.op("bincount_weights", [labels, weights], np.bincount(labels, weights=weights))
    c.op("bincount", [np.array([True, False, True])], np.bincount(np.array([True, False, True])))
    messy = np.array([3.0, np.nan, -1.0, 3.0, 0.0, 0.25, np.nan, 2.5, -1.0])
    for arr in (labels, messy, ints, np.array([True, False, True])):
        c.op("unique", [arr], np.unique(arr))
        c.op("unique_counts", [arr], np.unique(arr, return_counts=True)[1])
    distinct = rng.permutation(12).reshape(3, 4) * 1.5 - 4
    for axis in (-1, 0, None):
        c.op("sort", [distinct], np.sort(distinct, axis=axis), axis=axis)
        c.op("argsort", [distinct], np.argsort(distinct, axis=axis), axis=axis)
    c.op("sort", [messy], np.sort(messy), axis=-1)
    c.op("argsort", [labels], np.argsort(labels, kind="stable"), axis=-1)
    for axis in (None, 0, 1):
        c.op("cumprod", [a], np.cumprod(a, axis=axis), axis=axis)
        c.op("cumprod", [ints], np.cumprod(ints, axis=axis), axis=axis)
    c.op("cumprod", [np.array([True, True, False])], np.cumprod(np.array([True, True, False])))
    for axis in (-1, 0):
        c.op("diff", [a], np.diff(a, axis=axis), axis=axis, n=1)
        c.op("diff", [ints], np.diff(ints, n=2, axis=axis), axis=axis, n=2)
    c.op("diff", [np.array([True, False, False, True])], np.diff(np.array([True, False, False, True])), axis=-1, n=1)
    gx, gy = np.arange(-1.0, 1.0, 0.4), np.array([0, 1, 2])
    xx, yy = np.meshgrid(gx, gy)
    c.op("meshgrid_x", [gx, gy], xx)
    c.op("meshgrid_y", [gx, gy], yy)
    data = rng.standard_normal(50)
    for bins in (5, 10):
        counts, edges = np.histogram(data, bins=bins)
        c.op("histogram_counts", [data], counts, bins=bins)
        c.op("histogram_edges", [data], edges, bins=bins)
    for arr in (data, data[:7], ints, np.array([1.0, np.nan])):
        c.op("median", [arr], np.median(arr))
    for q in (0.0, 25.0, 40.0, 50.0, 90.0, 100.0):
        c.op("percentile", [data], np.percentile(data, q), scalar=q)
        c.op("percentile", [ints], np.percentile(ints, q), scalar=q)


def main():
    wide = Cases()
    wide_integers(wide)
    meta = {"numpy": np.__version__, "machine": platform.machine(), "generator": "scripts/make-parity-fixtures.py"}
    path = os.path.join(os.path.dirname(OUT), "numpy-int64.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "cases": wide.cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(wide.cases)} cases, {os.path.getsize(path)} bytes")
    rng = np.random.default_rng(20261204)
    c = Cases()
    arithmetic(c, rng)
    maths(c, rng)
    reductions(c, rng)
    creation(c)
    joining(c, rng)
    indexing(c, rng)
    printing(c, rng)
    breadth(c, rng)
    meta = {"numpy": np.__version__, "machine": platform.machine(), "generator": "scripts/make-parity-fixtures.py"}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"meta": meta, "cases": c.cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {len(c.cases)} cases, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
