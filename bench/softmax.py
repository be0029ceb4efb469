"""Softmax regression on three classes: the numpy original of notebooks/softmax.md.

Usage: python bench/softmax.py
The notebook is a line-by-line Swift port of this script, and every line it
prints is identical to this script's output (Tests/NBRunEndToEndTests/NumpyPortTests
runs both and compares them).
"""
import numpy as np

np.set_printoptions(precision=4, suppress=True)
np.random.seed(0)

# Three classes of 2-D points, 30 each, scattered around three centres.
N, D, K = 30, 2, 3
centres = np.array([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])
X = np.vstack([np.random.randn(N, D) * 0.9 + centres[k] for k in range(K)])
y = np.concatenate([np.full(N, k) for k in range(K)])
print(X.shape, y.shape)
print(X[:3])
print(y[::15])

# One-hot targets: row k of the identity for class k.
Y = np.eye(K)[y]
print(Y[[0, 30, 60]])

# A linear layer with small random weights.
W = 0.01 * np.random.randn(D, K)
b = np.zeros((1, K))
print(W)


def softmax(Z):
    Z = Z - np.max(Z, axis=1, keepdims=True)  # shift for stability; the result is the same
    E = np.exp(Z)
    return E / np.sum(E, axis=1, keepdims=True)


def loss_and_gradients(W, b):
    P = softmax(X @ W + b)
    loss = -np.mean(np.sum(Y * np.log(P), axis=1))
    dZ = (P - Y) / len(X)
    dW = X.T @ dZ
    db = np.sum(dZ, axis=0, keepdims=True)
    return loss, dW, db


P = softmax(X @ W + b)
print(P[:2])
print(np.sum(P, axis=1)[:5])

# Gradient check: central differences against the analytic dW.
loss, dW, db = loss_and_gradients(W, b)
eps = 1e-6
numeric = np.zeros_like(W)
for i in range(D):
    for j in range(K):
        Wp = W.copy()
        Wp[i, j] += eps
        Wm = W.copy()
        Wm[i, j] -= eps
        numeric[i, j] = (loss_and_gradients(Wp, b)[0] - loss_and_gradients(Wm, b)[0]) / (2 * eps)
print(dW)
print(numeric)
print("gradients match:", np.allclose(dW, numeric, rtol=1e-5, atol=1e-8))

# Training: full-batch gradient descent.
learning_rate = 0.5
for step in range(301):
    loss, dW, db = loss_and_gradients(W, b)
    if step % 50 == 0:
        predictions = np.argmax(X @ W + b, axis=1)
        accuracy = np.mean(predictions == y)
        print(f"step {step:3d}  loss {loss:.4f}  accuracy {accuracy:.3f}")
    W -= learning_rate * dW
    b -= learning_rate * db

print(W)
print(b)
predictions = np.argmax(X @ W + b, axis=1)
print(predictions[25:35])
print("accuracy:", np.mean(predictions == y))
wrong = np.nonzero(predictions != y)[0]
print("misclassified:", wrong)
print(X[wrong])
