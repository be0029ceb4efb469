// MARK: - Python's range

/// Python's `range`, as numpy code uses it: the Ints from `start` up to (not including)
/// `stop` in steps of `step`, for `for` loops and comprehensions (`range(n).map { … }`),
/// and, inside a tensor subscript, the int64 positions `np.arange` gives.
///
/// That last use is why it exists: numpy's `probs[range(n), y]` pairs two integer arrays
/// and picks `n` elements, while Swift's `probs[0..<n, y]` is a slice plus an integer
/// array, an `n × n` matrix. With `range`, the numpy line ports unchanged.
/// numpy: Python's `range` in numpy code.
public struct PythonRange: RandomAccessCollection, Hashable, Sendable {
    /// The first value. numpy: `range(…).start`.
    public let start: Int
    /// The end, not included. numpy: `range(…).stop`.
    public let stop: Int
    /// The difference between neighbours (not 0). numpy: `range(…).step`.
    public let step: Int
    /// How many values. numpy: `len(range(…))`.
    public let count: Int

    /// A step of 0 traps with Python's message. numpy: Python's `range(start, stop, step)`.
    public init(_ start: Int, _ stop: Int, _ step: Int = 1) {
        precondition(step != 0, "range() arg 3 must not be zero")
        self.start = start
        self.stop = stop
        self.step = step
        let span = stop - start
        count = Swift.max(0, span / step + (span % step != 0 && (span < 0) == (step < 0) ? 1 : 0))
    }

    /// Positions count from 0. numpy: `range(…)[0]`.
    public var startIndex: Int { 0 }
    /// One past the last position. numpy: `len(range(…))`.
    public var endIndex: Int { count }

    /// The value at a position in `0..<count`. numpy: Python's `range(…)[i]`.
    public subscript(position: Int) -> Int {
        precondition(position >= 0 && position < count, "range object index out of range")
        return start + position * step
    }
}

/// `0, 1, …, stop - 1`. numpy: Python's `range(stop)`; in a subscript, `np.arange(stop)`.
public func range(_ stop: Int) -> PythonRange { PythonRange(0, stop) }

/// `start, start + step, …` before `stop`. numpy: Python's `range(start, stop, step=1)`.
public func range(_ start: Int, _ stop: Int, _ step: Int = 1) -> PythonRange { PythonRange(start, stop, step) }

extension PythonRange: TensorIndexConvertible {
    /// The positions as an int64 array (fancy indexing), as numpy reads a range in a
    /// subscript. numpy: `a[range(n)]` is `a[np.arange(n)]`.
    public var tensorIndex: TensorIndex { .array(tensorValue) }
}

extension PythonRange: TensorConvertible {
    /// The Ints as an int64 tensor. numpy: `np.asarray(range(…))`, `np.arange(start, stop, step)`.
    public var tensorValue: Tensor { np.arange(start, stop, step) }
}

extension PythonRange: CustomStringConvertible {
    /// Python's repr: `range(0, 5)`, `range(0, 10, 2)`. numpy: `print(range(5))`.
    public var description: String {
        step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    }
}
