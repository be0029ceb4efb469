"""Classifying clusters: a softmax classifier on three Gaussian clusters, and its
decision regions over a grid.

The numpy original of notebooks/clusters.md, which is a line-by-line Swift port:
every line the notebook prints is identical to this script's output
(Tests/NBRunEndToEndTests/NumpyPortTests runs both and compares them). The plotting
lines are the notebook's figure; with --figure the script also draws it with
matplotlib and prints the figure's data (the contour levels and the colour values
of the points) as JSON, which the test compares with the notebook's figure.

Usage: python3 bench/clusters.py [--figure]
"""
import sys

import numpy as np

np.random.seed(1)

# The data: N points of each of K classes, around K centres in the plane.
N = 50  # points per class
K = 3  # number of classes
centres = np.array([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
X = np.zeros((N * K, 2))
y = np.zeros(N * K, dtype='uint8')
for j in range(K):
    ix = range(N * j, N * (j + 1))
    X[ix] = centres[j] + 0.9 * np.random.randn(N, 2)
    y[ix] = j
print(X.shape, np.bincount(y))
print(np.round(X.mean(axis=0), 4), np.round(X.std(axis=0), 4))

# Standardize the features, as most lessons do before training.
mu = X.mean(axis=0)
sigma = X.std(axis=0)
Xs = (X - mu) / sigma
print(np.round(Xs[:3], 4))

# A softmax classifier: scores Xs W + b, cross-entropy loss, L2 regularization.
W = 0.01 * np.random.randn(2, K)
b = np.zeros((1, K))
step_size = 0.5
reg = 1e-3
n = Xs.shape[0]
for i in range(101):
    scores = np.dot(Xs, W) + b
    scores -= np.max(scores, axis=1, keepdims=True)  # for numerical stability
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    loss = -np.mean(np.log(probs[range(n), y])) + 0.5 * reg * np.sum(W * W)
    if i % 20 == 0:
        print("iteration %d: loss %.6f" % (i, loss))
    dscores = probs.copy()
    dscores[range(n), y] -= 1
    dscores /= n
    dW = np.dot(Xs.T, dscores) + reg * W
    db = np.sum(dscores, axis=0, keepdims=True)
    W -= step_size * dW
    b -= step_size * db

predicted = np.argmax(np.dot(Xs, W) + b, axis=1)
print("training accuracy: %.4f" % np.mean(predicted == y))
confusion = np.bincount(K * y + predicted, minlength=K * K).reshape(K, K)  # true class by row
print(confusion)
print(np.round(W, 4))
print(np.round(b, 4))

# The decision regions: the class the classifier picks at every point of a grid.
h = 0.1
x_min, x_max = X[:, 0].min() - 1, X[:, 0].max() + 1
y_min, y_max = X[:, 1].min() - 1, X[:, 1].max() + 1
xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
grid = (np.c_[xx.ravel(), yy.ravel()] - mu) / sigma
Z = np.argmax(np.dot(grid, W) + b, axis=1)
Z = Z.reshape(xx.shape)
print(xx.shape, np.bincount(Z.ravel()))

if "--figure" in sys.argv:
    import json

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    contours = plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.8)
    plt.scatter(X[:, 0], X[:, 1], c=y, s=40, cmap=plt.cm.Spectral)
    plt.xlim(xx.min(), xx.max())
    plt.ylim(yy.min(), yy.max())
    print(json.dumps({"levels": [float(v) for v in contours.levels],
                      "x": [float(v) for v in xx[0]], "y": [float(v) for v in yy[:, 0]],
                      "points": X.tolist(), "colors": [float(v) for v in y]}))
