// MARK: - Reductions, products and comparisons

extension np {
    /// The sum of all elements or along an axis. numpy: `np.sum(a, axis=None, keepdims=False)`.
    public static func sum(_ a: some TensorConvertible, axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        a.tensorValue.sum(axis: axis, keepdims: keepdims)
    }

    /// The mean of all elements or along an axis. numpy: `np.mean(a, axis=None, keepdims=False)`.
    public static func mean(_ a: some TensorConvertible, axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        a.tensorValue.mean(axis: axis, keepdims: keepdims)
    }

    /// The variance. numpy: `np.var(a, axis=None, ddof=0, keepdims=False)`.
    public static func `var`(_ a: some TensorConvertible, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false)
        -> Tensor
    {
        a.tensorValue.var(axis: axis, ddof: ddof, keepdims: keepdims)
    }

    /// The standard deviation. numpy: `np.std(a, axis=None, ddof=0, keepdims=False)`.
    public static func std(_ a: some TensorConvertible, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false)
        -> Tensor
    {
        ShapeText.reporting(as: "std") { a.tensorValue.std(axis: axis, ddof: ddof, keepdims: keepdims) }
    }

    /// The smallest element or the smallest along an axis. numpy: `np.min(a, axis=None, keepdims=False)`.
    public static func min(_ a: some TensorConvertible, axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        a.tensorValue.min(axis: axis, keepdims: keepdims)
    }

    /// The largest element or the largest along an axis. numpy: `np.max(a, axis=None, keepdims=False)`.
    public static func max(_ a: some TensorConvertible, axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        a.tensorValue.max(axis: axis, keepdims: keepdims)
    }

    /// The flat index of the first smallest element. numpy: `np.argmin(a)`.
    public static func argmin(_ a: some TensorConvertible) -> Int { a.tensorValue.argmin() }

    /// The indices of the smallest elements along an axis (int64). numpy: `np.argmin(a, axis=axis)`.
    public static func argmin(_ a: some TensorConvertible, axis: Int, keepdims: Bool = false) -> Tensor {
        a.tensorValue.argmin(axis: axis, keepdims: keepdims)
    }

    /// The flat index of the first largest element. numpy: `np.argmax(a)`.
    public static func argmax(_ a: some TensorConvertible) -> Int { a.tensorValue.argmax() }

    /// The indices of the largest elements along an axis (int64). numpy: `np.argmax(a, axis=axis)`.
    public static func argmax(_ a: some TensorConvertible, axis: Int, keepdims: Bool = false) -> Tensor {
        a.tensorValue.argmax(axis: axis, keepdims: keepdims)
    }

    /// Running sums, flattened or along an axis. numpy: `np.cumsum(a, axis=None)`.
    public static func cumsum(_ a: some TensorConvertible, axis: Int? = nil) -> Tensor {
        a.tensorValue.cumsum(axis: axis)
    }

    /// Whether any element is non-zero, as a rank-0 bool tensor (prints `True`).
    /// numpy: `np.any(a)`.
    public static func any(_ a: some TensorConvertible) -> Tensor { a.tensorValue.any() }

    /// Whether every element is non-zero, as a rank-0 bool tensor (prints `True`).
    /// numpy: `np.all(a)`.
    public static func all(_ a: some TensorConvertible) -> Tensor { a.tensorValue.all() }

    /// The number of non-zero elements. numpy: `np.count_nonzero(a)`.
    public static func count_nonzero(_ a: some TensorConvertible) -> Int {
        a.tensorValue.elements(Bool.self).lazy.filter { $0 }.count
    }

    // MARK: - Products

    /// numpy's `dot`: a product with a scalar, the inner product of two
    /// vectors, or the matrix product for ranks 1 and 2. numpy: `np.dot(a, b)`.
    public static func dot(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        ShapeText.reporting(as: "dot") { a.tensorValue.dot(b.tensorValue) }
    }

    /// The matrix product (see `matmul(_:_:)`). numpy: `np.matmul(a, b)` or `a @ b`.
    public static func matmul(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        NBRuntime.matmul(a.tensorValue, b.tensorValue)
    }

    /// Every product `a[i] * b[j]` of the flattened inputs, as a matrix. numpy: `np.outer(a, b)`.
    public static func outer(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        ShapeText.reporting(as: "outer") { a.tensorValue.reshaped(-1, 1) * b.tensorValue.reshaped(1, -1) }
    }

    // MARK: - Comparing arrays

    /// Elementwise "close": `|a - b| <= atol + rtol * |b|` for finite `b`, or
    /// exactly equal (so infinities of the same sign match); nan matches nan
    /// only with `equal_nan`. numpy: `np.isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`.
    public static func isclose(
        _ a: some TensorConvertible, _ b: some TensorConvertible, rtol: Double = 1e-5,
        atol: Double = 1e-8, equal_nan: Bool = false
    ) -> Tensor {
        Tensor.elementwise(a.tensorValue, b.tensorValue, "isclose", Double.self) { x, y in
            let close = (Swift.abs(x - y) <= atol + rtol * Swift.abs(y) && y.isFinite) || x == y
            return close || (equal_nan && x.isNaN && y.isNaN)
        }
    }

    /// Whether every element is close (see `isclose`), as a rank-0 bool tensor
    /// that prints `True` like numpy's; where Swift needs a `Bool` (in `if`,
    /// `assert`, `#expect`) the `Bool` overload is chosen.
    /// numpy: `np.allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`.
    public static func allclose(
        _ a: some TensorConvertible, _ b: some TensorConvertible, rtol: Double = 1e-5,
        atol: Double = 1e-8, equal_nan: Bool = false
    ) -> Tensor {
        ShapeText.reporting(as: "allclose") { isclose(a, b, rtol: rtol, atol: atol, equal_nan: equal_nan).all() }
    }

    /// Whether every element is close, as a Swift `Bool`. numpy: `bool(np.allclose(a, b))`.
    @_disfavoredOverload
    public static func allclose(
        _ a: some TensorConvertible, _ b: some TensorConvertible, rtol: Double = 1e-5,
        atol: Double = 1e-8, equal_nan: Bool = false
    ) -> Bool {
        ShapeText.reporting(as: "allclose") {
            isclose(a, b, rtol: rtol, atol: atol, equal_nan: equal_nan).elements(Bool.self).allSatisfy { $0 }
        }
    }

    /// Same shape and equal elements, as a rank-0 bool tensor (prints `True`).
    /// numpy: `np.array_equal(a, b)`.
    public static func array_equal(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        Tensor(a.tensorValue == b.tensorValue)
    }

    /// Same shape and equal elements, as a Swift `Bool`. numpy: `bool(np.array_equal(a, b))`.
    @_disfavoredOverload
    public static func array_equal(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Bool {
        a.tensorValue == b.tensorValue
    }
}

extension Tensor {
    /// numpy's `dot`: a product with a scalar, the inner product of two
    /// vectors, or the matrix product for ranks 1 and 2. numpy: `a.dot(b)`.
    public func dot(_ other: Tensor) -> Tensor {
        ShapeText.reporting(as: "dot") { rank == 0 || other.rank == 0 ? self * other : matmul(self, other) }
    }

    /// Whether any element is non-zero, as a rank-0 bool tensor. numpy: `a.any()`.
    public func any() -> Tensor { Tensor(elements(Bool.self).contains(true)) }

    /// Whether every element is non-zero, as a rank-0 bool tensor. numpy: `a.all()`.
    public func all() -> Tensor { Tensor(elements(Bool.self).allSatisfy { $0 }) }

    /// Whether any element is non-zero, as a Swift `Bool` (chosen in `if`). numpy: `bool(a.any())`.
    @_disfavoredOverload
    public func any() -> Bool { elements(Bool.self).contains(true) }

    /// Whether every element is non-zero, as a Swift `Bool` (chosen in `if`). numpy: `bool(a.all())`.
    @_disfavoredOverload
    public func all() -> Bool { elements(Bool.self).allSatisfy { $0 } }
}
