"""Times numpy's `a @ b` for square float64 matrices, the way bench's Swift notebook times `a ⋅ b`.

Usage: python bench/matmul.py SIZE:NUMBER:REPEAT ...
For each size, REPEAT samples, each the mean time of NUMBER products (timeit),
printed as `matmul N threads=T median S min S max S` in seconds per product, once
with BLAS's default thread count and once limited to one thread (threadpoolctl).
Also prints the BLAS libraries numpy runs (threadpoolctl.threadpool_info()).
"""
import json
import statistics
import sys
import timeit

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def measure(n, number, repeat, label):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n))
    b = rng.standard_normal((n, n))
    a @ b  # warm up: first call pays for thread start-up and page faults
    samples = [t / number for t in timeit.repeat(lambda: a @ b, number=number, repeat=repeat)]
    print(f"matmul {n} threads={label} median {statistics.median(samples)} "
          f"min {min(samples)} max {max(samples)}")


specs = [tuple(int(x) for x in arg.split(":")) for arg in sys.argv[1:]] or [(64, 50, 15), (256, 5, 15), (512, 1, 7)]
info = threadpool_info()
print("blas:", json.dumps([{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
                           for i in info]))
for n, number, repeat in specs:
    measure(n, number, repeat, info[0]["num_threads"] if info else "?")
with threadpool_limits(1):
    for n, number, repeat in specs:
        measure(n, number, repeat, 1)
