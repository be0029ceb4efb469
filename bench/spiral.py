"""Classifying a spiral: a softmax classifier, then a two-layer ReLU network.

The numpy original of notebooks/spiral.md, after the classic course case study
(spiral data, 300 points in 3 classes; a linear softmax classifier trained 200 steps;
a network with 100 ReLU units trained 2,000 steps). The notebook is a line-by-line
Swift port, and every line it prints is identical to this script's output
(Tests/NBRunEndToEndTests/NumpyPortTests runs both and compares them); bench/run.sh
times the two side by side.

Usage: python3 bench/spiral.py
"""
import numpy as np

np.random.seed(0)

# The data: N points of each of K classes, on K arms of a spiral in the plane.
N = 100  # points per class
D = 2  # dimensionality
K = 3  # number of classes
X = np.zeros((N * K, D))  # one point per row
y = np.zeros(N * K, dtype='uint8')  # class labels
for j in range(K):
    ix = range(N * j, N * (j + 1))
    r = np.linspace(0.0, 1, N)  # radius
    t = np.linspace(j * 4, (j + 1) * 4, N) + np.random.randn(N) * 0.2  # theta
    X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
    y[ix] = j
print(X.shape, y.shape)
print(X[[1, 150, 299]])
print(np.bincount(y))

# A linear classifier: scores X W + b, softmax, cross-entropy loss, L2 regularization.
W = 0.01 * np.random.randn(D, K)
b = np.zeros((1, K))
step_size = 1e-0
reg = 1e-3  # regularization strength
num_examples = X.shape[0]
for i in range(200):
    scores = np.dot(X, W) + b
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)  # [N x K]
    correct_logprobs = -np.log(probs[range(num_examples), y])
    data_loss = np.sum(correct_logprobs) / num_examples
    reg_loss = 0.5 * reg * np.sum(W * W)
    loss = data_loss + reg_loss
    if i % 20 == 0:
        print("iteration %d: loss %f" % (i, loss))
    dscores = probs
    dscores[range(num_examples), y] -= 1
    dscores /= num_examples
    dW = np.dot(X.T, dscores)
    db = np.sum(dscores, axis=0, keepdims=True)
    dW += reg * W  # the regularization gradient
    W += -step_size * dW
    b += -step_size * db

scores = np.dot(X, W) + b
predicted_class = np.argmax(scores, axis=1)
print("training accuracy: %.2f" % (np.mean(predicted_class == y)))

# A two-layer network: 100 ReLU units, then the same softmax and loss.
h = 100  # size of the hidden layer
W = 0.01 * np.random.randn(D, h)
b = np.zeros((1, h))
W2 = 0.01 * np.random.randn(h, K)
b2 = np.zeros((1, K))
for i in range(2000):
    hidden_layer = np.maximum(0, np.dot(X, W) + b)  # ReLU
    scores = np.dot(hidden_layer, W2) + b2
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    correct_logprobs = -np.log(probs[range(num_examples), y])
    data_loss = np.sum(correct_logprobs) / num_examples
    reg_loss = 0.5 * reg * np.sum(W * W) + 0.5 * reg * np.sum(W2 * W2)
    loss = data_loss + reg_loss
    if i % 200 == 0:
        print("iteration %d: loss %f" % (i, loss))
    dscores = probs
    dscores[range(num_examples), y] -= 1
    dscores /= num_examples
    # backpropagate into W2 and b2, then into the hidden layer and W, b
    dW2 = np.dot(hidden_layer.T, dscores)
    db2 = np.sum(dscores, axis=0, keepdims=True)
    dhidden = np.dot(dscores, W2.T)
    dhidden[hidden_layer <= 0] = 0  # the ReLU's gradient
    dW = np.dot(X.T, dhidden)
    db = np.sum(dhidden, axis=0, keepdims=True)
    dW2 += reg * W2
    dW += reg * W
    W += -step_size * dW
    b += -step_size * db
    W2 += -step_size * dW2
    b2 += -step_size * db2

hidden_layer = np.maximum(0, np.dot(X, W) + b)
scores = np.dot(hidden_layer, W2) + b2
predicted_class = np.argmax(scores, axis=1)
print("training accuracy: %.2f" % (np.mean(predicted_class == y)))
