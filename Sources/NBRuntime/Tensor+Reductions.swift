// MARK: - Reductions

extension Tensor {
    /// The sum of all elements as a rank-0 tensor (numpy's `a.sum()`), or,
    /// with `keepdims`, a tensor of the same rank with every extent 1.
    ///
    /// Bit-identical to numpy: the row-major elements go through numpy's
    /// pairwise summation (see `pairwiseSum`), added to the initial 0.0.
    public func sum(keepdims: Bool = false) -> Tensor {
        let total = scalars.withUnsafeBufferPointer { x in x.baseAddress.map { 0.0 + pairwiseSum($0, x.count) } ?? 0.0 }
        return Tensor(unchecked: keepdims ? shape.map { _ in 1 } : [], [total])
    }

    /// Sums along one axis (negative counts from the end), like `a.sum(axis=)`.
    ///
    /// Matches numpy's order: when the axis is contiguous in memory (only
    /// extent-1 axes after it) each lane is summed pairwise; otherwise numpy's
    /// iterator adds whole slices one after another, so each output element
    /// is a plain left-to-right sum from 0.0.
    public func sum(axis: Int, keepdims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let axis = normalized(axis: axis, "sum", file: file, line: line)
        let (outer, length, inner) = split(at: axis)
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
        return Tensor(unchecked: reducedShape(axis, keepdims), result)
    }

    /// The mean of all elements: `sum() / count`, as numpy computes it (nan when empty).
    public func mean(keepdims: Bool = false) -> Tensor {
        sum(keepdims: keepdims) / Double(count)
    }

    /// The mean along one axis: `sum(axis:) / shape[axis]`, as numpy computes it.
    public func mean(axis: Int, keepdims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let resolved = normalized(axis: axis, "mean", file: file, line: line)
        return sum(axis: resolved, keepdims: keepdims) / Double(shape[resolved])
    }

    /// The largest element as a rank-0 tensor; nan if any element is nan.
    /// Traps on an empty tensor, like numpy.
    public func max(keepdims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        guard count > 0 else {
            shapeFailure(ShapeText.invalid("max", "zero-size array to reduction operation maximum which has no identity"),
                         file: file, line: line)
        }
        return Tensor(unchecked: keepdims ? shape.map { _ in 1 } : [], [Self.maxValue(scalars, start: 0, count: count, stride: 1)])
    }

    /// The largest elements along one axis; nan propagates.
    public func max(axis: Int, keepdims: Bool = false, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let axis = normalized(axis: axis, "max", file: file, line: line)
        let (outer, length, inner) = split(at: axis)
        guard length > 0 else {
            shapeFailure(ShapeText.invalid("max", "zero-size array to reduction operation maximum which has no identity"),
                         file: file, line: line)
        }
        var values: [Double] = []
        values.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for j in 0..<inner {
                values.append(Self.maxValue(scalars, start: o * length * inner + j, count: length, stride: inner))
            }
        }
        return Tensor(unchecked: reducedShape(axis, keepdims), values)
    }

    /// The row-major (flat) index of the first largest element, or of the
    /// first nan if there is one (numpy's `argmax()`). Traps when empty.
    public func argmax(file: StaticString = #fileID, line: UInt = #line) -> Int {
        guard count > 0 else {
            shapeFailure(ShapeText.invalid("argmax", "attempt to get argmax of an empty sequence"), file: file, line: line)
        }
        return Self.argmax(scalars, start: 0, count: count, stride: 1)
    }

    /// For each position of the other axes (row-major), the index along
    /// `axis` of the first largest element or first nan (numpy's `argmax(axis=)`).
    public func argmax(axis: Int, file: StaticString = #fileID, line: UInt = #line) -> [Int] {
        let axis = normalized(axis: axis, "argmax", file: file, line: line)
        let (outer, length, inner) = split(at: axis)
        guard length > 0 else {
            shapeFailure(ShapeText.invalid("argmax", "attempt to get argmax of an empty sequence"), file: file, line: line)
        }
        var result: [Int] = []
        result.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for j in 0..<inner {
                result.append(Self.argmax(scalars, start: o * length * inner + j, count: length, stride: inner))
            }
        }
        return result
    }

    // MARK: - Helpers

    /// numpy's running maximum: nan wins, and an equal later element
    /// replaces the current one (so `max([0.0, -0.0])` is `-0.0`, as in numpy).
    private static func maxValue(_ values: [Double], start: Int, count: Int, stride: Int) -> Double {
        var best = values[start]
        for i in 1..<Swift.max(count, 1) {
            if best.isNaN { break }
            let value = values[start + i * stride]
            if !(best > value) { best = value }
        }
        return best
    }

    private static func argmax(_ values: [Double], start: Int, count: Int, stride: Int) -> Int {
        var best = 0
        var bestValue = values[start]
        if bestValue.isNaN { return 0 }
        for i in 1..<Swift.max(count, 1) {
            let value = values[start + i * stride]
            if value.isNaN { return i }
            if value > bestValue { best = i; bestValue = value }
        }
        return best
    }

    func normalized(axis: Int, _ operation: String, file: StaticString, line: UInt) -> Int {
        guard axis >= -rank && axis < rank else {
            shapeFailure(ShapeText.invalid(operation, "axis \(axis) is out of bounds for array of dimension \(rank)"),
                         file: file, line: line)
        }
        return axis < 0 ? axis + rank : axis
    }

    private func split(at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    private func reducedShape(_ axis: Int, _ keepdims: Bool) -> [Int] {
        var result = shape
        if keepdims { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }
}
