"""The XOR training loop of notebooks/xor.md in numpy, for comparison and timing.

Usage: python bench/xor.py [STEPS]
Without STEPS it runs the notebook's 5001 steps and prints what the notebook prints.
With STEPS it runs that many and also prints `loop seconds: T` (time.perf_counter
around the training loop alone, to set beside the Swift cell's own timer) and
`loop cpu seconds: T` (time.process_time, the process's CPU time).
"""
import sys
import time

import numpy as np

timed = len(sys.argv) > 1
steps = int(sys.argv[1]) if timed else 5001

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([[0.0], [1.0], [1.0], [0.0]])
W1 = np.array([[0.5, -0.4, 0.3, 0.8], [-0.6, 0.7, -0.2, 0.4]])
b1 = np.zeros((1, 4))
W2 = np.array([[0.3], [-0.5], [0.8], [-0.7]])
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X):
    h = np.tanh(X @ W1 + b1)
    return h, sigmoid(h @ W2 + b2)


learning_rate = 0.5
start = time.perf_counter()
cpu_start = time.process_time()
for step in range(steps):
    h, out = forward(X)
    loss = ((out - y) ** 2).mean()
    if step % 1000 == 0:
        print(f"step {step}: loss {loss.item()}")
    d_out = 2 * (out - y) / 4 * out * (1 - out)
    d_h = (d_out @ W2.T) * (1 - h ** 2)
    W2 -= learning_rate * (h.T @ d_out)
    b2 -= learning_rate * d_out.sum(axis=0, keepdims=True)
    W1 -= learning_rate * (X.T @ d_h)
    b1 -= learning_rate * d_h.sum(axis=0, keepdims=True)
if timed:
    print(f"loop seconds: {time.perf_counter() - start}")
    print(f"loop cpu seconds: {time.process_time() - cpu_start}")

predictions = forward(X)[1]
print(predictions)
print("rounded:", [1 if p >= 0.5 else 0 for p in predictions.flatten()])
