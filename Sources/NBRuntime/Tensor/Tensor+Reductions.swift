// MARK: - Reductions

extension Tensor {
    /// The sum of all elements (rank 0), or along one axis (negative counts from
    /// the end); with `keepdims` the reduced axes stay, with extent 1. Ints and
    /// bools sum to int64. numpy: `a.sum(axis=None, keepdims=False)`.
    ///
    /// Bit-identical to numpy: over all elements, or along an axis that is
    /// contiguous in memory (only extent-1 axes after it), each lane goes
    /// through numpy's pairwise summation (see `pairwiseSum`), added to the
    /// initial 0.0; along other axes numpy's iterator adds whole slices one
    /// after another, so each output element is a plain left-to-right sum from 0.0.
    public func sum(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let resultType: DType = dtype == .float64 ? .float64 : .int64
        guard let axis else {
            let total = scalars.withUnsafeBufferPointer { x in
                x.baseAddress.map { 0.0 + pairwiseSum($0, x.count) } ?? 0.0
            }
            return Tensor(unchecked: keepdims ? allOnes : [], [total], dtype: resultType)
        }
        let resolved = normalized(axis: axis, "sum")
        let (outer, length, inner) = split(at: resolved)
        var result = [Double](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { x in
            guard let base = x.baseAddress else { return }
            for o in 0..<outer {
                if inner == 1 {
                    result[o] = 0.0 + pairwiseSum(base + o * length, length)
                    continue
                }
                for i in 0..<length {
                    let slice = (o * length + i) * inner
                    for j in 0..<inner { result[o * inner + j] += x[slice + j] }
                }
            }
        }
        return Tensor(unchecked: reducedShape(resolved, keepdims), result, dtype: resultType)
    }

    /// The mean of all elements or along one axis, always float64: `sum / n`,
    /// as numpy computes it (nan when empty). numpy: `a.mean(axis=None, keepdims=False)`.
    public func mean(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let n = axis.map { shape[normalized(axis: $0, "mean")] } ?? count
        let total = sum(axis: axis, keepdims: keepdims)
        return (dtype == .float64 ? total : total.astype(.float64)) / Double(n)
    }

    /// The variance of all elements or along one axis, always float64, computed
    /// as numpy does: the mean (kept as a broadcastable tensor) is subtracted,
    /// the deviations squared and summed, and the sum divided by `n - ddof`.
    /// numpy: `a.var(axis=None, ddof=0, keepdims=False)`.
    public func `var`(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) -> Tensor {
        let n = axis.map { shape[normalized(axis: $0, "var")] } ?? count
        let deviations = self - sum(axis: axis, keepdims: true).astype(.float64) / Double(n)
        return (deviations * deviations).sum(axis: axis, keepdims: keepdims) / Double(Swift.max(n - ddof, 0))
    }

    /// The standard deviation: the square root of `var`. numpy: `a.std(axis=None, ddof=0, keepdims=False)`.
    public func std(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) -> Tensor {
        self.var(axis: axis, ddof: ddof, keepdims: keepdims).mapScalars { $0.squareRoot() }
    }

    /// The largest element (rank 0) or the largest along one axis, keeping the
    /// type; nan wins. Traps when empty, like numpy. numpy: `a.max(axis=None, keepdims=False)`.
    public func max(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        extreme(axis: axis, keepdims: keepdims, "max", "maximum") { best, value in !(best > value) }
    }

    /// The smallest element (rank 0) or the smallest along one axis, keeping
    /// the type; nan wins. Traps when empty, like numpy. numpy: `a.min(axis=None, keepdims=False)`.
    public func min(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        extreme(axis: axis, keepdims: keepdims, "min", "minimum") { best, value in !(best < value) }
    }

    /// The row-major (flat) index of the first largest element, or of the
    /// first nan if there is one. Traps when empty. numpy: `a.argmax()`.
    public func argmax() -> Int {
        guard count > 0 else { shapeFailure(ShapeText.invalid("argmax", "attempt to get argmax of an empty sequence")) }
        return Self.argExtreme(scalars, start: 0, count: count, stride: 1, >)
    }

    /// For each position of the other axes, the index along `axis` of the first
    /// largest element or first nan, as an int64 tensor. numpy: `a.argmax(axis=axis)`.
    public func argmax(axis: Int, keepdims: Bool = false) -> Tensor {
        argExtreme(axis: axis, keepdims: keepdims, "argmax", >)
    }

    /// The row-major (flat) index of the first smallest element, or of the
    /// first nan if there is one. Traps when empty. numpy: `a.argmin()`.
    public func argmin() -> Int {
        guard count > 0 else { shapeFailure(ShapeText.invalid("argmin", "attempt to get argmin of an empty sequence")) }
        return Self.argExtreme(scalars, start: 0, count: count, stride: 1, <)
    }

    /// For each position of the other axes, the index along `axis` of the first
    /// smallest element or first nan, as an int64 tensor. numpy: `a.argmin(axis=axis)`.
    public func argmin(axis: Int, keepdims: Bool = false) -> Tensor {
        argExtreme(axis: axis, keepdims: keepdims, "argmin", <)
    }

    /// Running sums in row-major order (flattened), or along one axis, each a
    /// plain left-to-right sum as numpy's `add.accumulate` computes it. Ints
    /// and bools give int64. numpy: `np.cumsum(a, axis=None)`.
    public func cumsum(axis: Int? = nil) -> Tensor {
        let resultType: DType = dtype == .float64 ? .float64 : .int64
        guard let axis else {
            var total = 0.0
            return Tensor(
                unchecked: [count],
                scalars.map {
                    total += $0
                    return total
                }, dtype: resultType)
        }
        let resolved = normalized(axis: axis, "cumsum")
        let (outer, length, inner) = split(at: resolved)
        var result = scalars
        for o in 0..<outer {
            for i in 1..<Swift.max(length, 1) {
                for j in 0..<inner {
                    let index = (o * length + i) * inner + j
                    result[index] = result[index - inner] + result[index]
                }
            }
        }
        return Tensor(unchecked: shape, result, dtype: resultType)
    }

    // MARK: - Helpers

    /// numpy's running maximum or minimum: nan wins, and an equal later element
    /// replaces the current one (so `max([0.0, -0.0])` is `-0.0`, as in numpy).
    private func extreme(
        axis: Int?, keepdims: Bool, _ name: String, _ ufunc: String,
        _ replaces: (Double, Double) -> Bool
    ) -> Tensor {
        let empty = ShapeText.invalid(name, "zero-size array to reduction operation \(ufunc) which has no identity")
        func reduce(_ start: Int, _ n: Int, _ stride: Int) -> Double {
            var best = scalars[start]
            for i in 1..<Swift.max(n, 1) {
                if best.isNaN { break }
                let value = scalars[start + i * stride]
                if replaces(best, value) { best = value }
            }
            return best
        }
        guard let axis else {
            guard count > 0 else { shapeFailure(empty) }
            return Tensor(unchecked: keepdims ? allOnes : [], [reduce(0, count, 1)], dtype: dtype)
        }
        let resolved = normalized(axis: axis, name)
        let (outer, length, inner) = split(at: resolved)
        guard length > 0 || outer * inner == 0 else { shapeFailure(empty) }
        var values: [Double] = []
        values.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for j in 0..<inner { values.append(reduce(o * length * inner + j, length, inner)) }
        }
        return Tensor(unchecked: reducedShape(resolved, keepdims), values, dtype: dtype)
    }

    private func argExtreme(axis: Int, keepdims: Bool, _ name: String, _ better: (Double, Double) -> Bool) -> Tensor {
        let resolved = normalized(axis: axis, name)
        let (outer, length, inner) = split(at: resolved)
        guard length > 0 else { shapeFailure(ShapeText.invalid(name, "attempt to get \(name) of an empty sequence")) }
        var result: [Double] = []
        result.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for j in 0..<inner {
                result.append(
                    Double(
                        Self.argExtreme(
                            scalars, start: o * length * inner + j, count: length,
                            stride: inner, better)))
            }
        }
        return Tensor(unchecked: reducedShape(resolved, keepdims), result, dtype: .int64)
    }

    private static func argExtreme(
        _ values: [Double], start: Int, count: Int, stride: Int,
        _ better: (Double, Double) -> Bool
    ) -> Int {
        var best = 0
        var bestValue = values[start]
        if bestValue.isNaN { return 0 }
        for i in 1..<Swift.max(count, 1) {
            let value = values[start + i * stride]
            if value.isNaN { return i }
            if better(value, bestValue) {
                best = i
                bestValue = value
            }
        }
        return best
    }

    /// `axis` counted from the front; traps with numpy's message when out of range.
    @inline(__always)
    func normalized(axis: Int, _ operation: @autoclosure () -> String) -> Int {
        guard axis >= -rank && axis < rank else { axisFailure(axis, operation()) }
        return axis < 0 ? axis + rank : axis
    }

    @inline(never)
    private func axisFailure(_ axis: Int, _ operation: String) -> Never {
        shapeFailure(ShapeText.invalid(operation, "axis \(axis) is out of bounds for array of dimension \(rank)"))
    }

    /// The extents before `axis` (multiplied), along it, and after it.
    @inline(__always)
    func split(at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    private func reducedShape(_ axis: Int, _ keepdims: Bool) -> Shape {
        var result = shape
        if keepdims { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }

    /// This tensor's rank with every extent 1 (a full reduction with `keepdims`).
    private var allOnes: Shape { Shape(shape.map { _ in 1 }) }
}
