#!/usr/bin/env python3
"""Regenerate numpy's legacy random streams used by Tests/NBRuntimeTests.

Writes Tests/NBRuntimeTests/Fixtures/numpy-random.json: for seeds 0, 1 and 42,
one sequence of calls through every np.random function the runtime has (seed,
rand, randn, standard_normal, random_sample, random, uniform, normal, randint,
permutation, shuffle, choice, and a RandomState instance), in an order that
exercises the state carried between calls: the cached second normal of the
polar method, reseeding, 32- and 64-bit bounded integers, and choice with and
without replacement and probabilities.

Each call is {"fn", "args", "result"}; results are arrays {"dtype", "shape",
"values"} with float64 values as 16-digit hex bit patterns and int64 values as
integers. A scalar result (numpy returns a Python float or int) has shape [].

Run from the repository root:  python3 scripts/make-random-fixtures.py
Needs numpy; the version is recorded in the file.
"""
import json
import os
import platform
import struct

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NBRuntimeTests", "Fixtures", "numpy-random.json")


def encode(a):
    a = np.asarray(a)
    if a.dtype == np.float64:
        values = [struct.pack(">d", float(v)).hex() for v in a.ravel()]
    elif a.dtype in (np.int64, np.bool_):
        values = [int(v) for v in a.ravel()]
    else:
        raise TypeError(f"unsupported dtype {a.dtype}")
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": values}


def stream(seed):
    calls = []

    def call(fn, result, **args):
        if isinstance(result, float):
            result = np.array(result, dtype=np.float64)
        elif isinstance(result, int):
            result = np.array(result, dtype=np.int64)
        calls.append({"fn": fn, "args": args, "result": encode(result)})

    r = np.random
    r.seed(seed)
    call("rand", r.rand(3, 2), shape=[3, 2])
    call("randn", r.randn(5), shape=[5])          # odd: one normal stays cached
    call("randn", r.randn())                      # the cached one
    call("randn", r.randn(2, 3), shape=[2, 3])
    call("standard_normal", r.standard_normal(size=3), size=[3])
    call("standard_normal", r.standard_normal())
    call("random_sample", r.random_sample(size=(2, 2)), size=[2, 2])
    call("random_sample", r.random_sample())
    call("random", r.random(size=3), size=[3])
    call("uniform", r.uniform(-1.0, 2.0, size=4), low=-1.0, high=2.0, size=[4])
    call("uniform", r.uniform())
    call("uniform", r.uniform(5.0, 5.5), low=5.0, high=5.5)
    call("normal", r.normal(1.5, 0.5, size=(2, 2)), loc=1.5, scale=0.5, size=[2, 2])
    call("normal", r.normal())
    call("normal", r.normal(-3.0, 2.0), loc=-3.0, scale=2.0)
    call("randint", r.randint(0, 10, size=8), low=0, high=10, size=[8])
    call("randint", r.randint(5), low=5)
    call("randint", r.randint(-3, 3, size=(2, 3)), low=-3, high=3, size=[2, 3])
    call("randint", r.randint(0, 2 ** 40, size=3), low=0, high=2 ** 40, size=[3])
    call("randint", r.randint(0, 2 ** 32, size=2), low=0, high=2 ** 32, size=[2])
    call("randint", r.randint(7, 8, size=3), low=7, high=8, size=[3])
    call("randint", r.randint(100, 1000), low=100, high=1000)
    call("permutation", r.permutation(10), n=10)
    rows = np.arange(8.0).reshape(4, 2)
    call("permutation_array", r.permutation(rows), x=encode(rows))
    x = np.arange(6) * 1.5
    r.shuffle(x)
    call("shuffle", x, x=encode(np.arange(6) * 1.5))
    grid = np.arange(15).reshape(5, 3)
    r.shuffle(grid)
    call("shuffle", grid, x=encode(np.arange(15).reshape(5, 3)))
    p = [0.1, 0.0, 0.3, 0.6, 0.0]
    call("choice", r.choice(5, 3), a=5, size=[3])
    call("choice", r.choice(5, 3, replace=False), a=5, size=[3], replace=False)
    call("choice", r.choice(5, 3, p=p), a=5, size=[3], p=p)
    call("choice", r.choice(5, 2, replace=False, p=p), a=5, size=[2], replace=False, p=p)
    call("choice", r.choice(6, (2, 2), replace=False, p=[0.05, 0.25, 0.2, 0.1, 0.3, 0.1]), a=6, size=[2, 2],
         replace=False, p=[0.05, 0.25, 0.2, 0.1, 0.3, 0.1])
    call("choice", r.choice(10, 20), a=10, size=[20])
    call("choice", r.choice(5), a=5)
    call("choice", r.choice(5, p=p), a=5, p=p)
    values = np.array([2.5, -1.0, 4.0, 8.5])
    call("choice_array", r.choice(values, size=(2, 3)), x=encode(values), size=[2, 3])
    call("choice_array", r.choice(values), x=encode(values))
    call("randn", r.randn(1), shape=[1])
    r.seed(seed)                                  # reseeding clears the cached normal
    call("seed_randn", r.randn(3), shape=[3])
    call("rand", r.rand(1000), shape=[1000])
    call("randn", r.randn(1001), shape=[1001])
    state = np.random.RandomState(seed + 7)
    call("state_randn", state.randn(2, 2), seed=seed + 7, shape=[2, 2])
    call("randn", r.randn(2), shape=[2])          # the global stream is unaffected
    return {"seed": seed, "calls": calls}


def main():
    meta = {"numpy": np.__version__, "machine": platform.machine(), "generator": "scripts/make-random-fixtures.py"}
    streams = [stream(seed) for seed in (0, 1, 42)]
    with open(OUT, "w") as f:
        json.dump({"meta": meta, "streams": streams}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {sum(len(s['calls']) for s in streams)} calls, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
