// MARK: - Broadcasting

extension Tensor {
    /// numpy's broadcast of two shapes: align from the right; extents must be
    /// equal or one of them 1. Returns nil when they cannot be broadcast.
    static func broadcastShape(_ lhs: Shape, _ rhs: Shape) -> Shape? {
        let rank = Swift.max(lhs.count, rhs.count)
        var result = Shape([Int](repeating: 1, count: rank))
        for axis in 0..<rank {
            let a = axis < rank - lhs.count ? 1 : lhs[axis - (rank - lhs.count)]
            let b = axis < rank - rhs.count ? 1 : rhs[axis - (rank - rhs.count)]
            guard a == b || a == 1 || b == 1 else { return nil }
            result[axis] = a == 1 ? b : a
        }
        return result
    }

    /// Strides (in elements) that read this tensor as if it had `target`
    /// shape: broadcast axes get stride 0.
    func broadcastStrides(to target: Shape) -> [Int] {
        let own = strides
        let offset = target.count - rank
        return target.indices.map { axis in
            axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
        }
    }

    /// Applies `operation` elementwise after broadcasting, like a numpy binary
    /// ufunc; the result has type `dtype` (float64 unless given).
    ///
    /// Traps with `<name>: operands could not be broadcast together with shapes ...`.
    @inline(__always)
    static func broadcasting(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String, dtype: DType = .float64,
        _ operation: (Double, Double) -> Double
    ) -> Tensor {
        // Integer results never hold -0.0 (0 * -1 in doubles would give it).
        if dtype != .float64 { return sameOrBroadcast(lhs, rhs, name, dtype) { operation($0, $1) + 0 } }
        return sameOrBroadcast(lhs, rhs, name, dtype, operation)
    }

    @inline(__always)
    private static func sameOrBroadcast(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String, _ dtype: DType,
        _ operation: (Double, Double) -> Double
    ) -> Tensor {
        if lhs.shape == rhs.shape {
            let result = lhs.scalars.withUnsafeBufferPointer { a in
                rhs.scalars.withUnsafeBufferPointer { b in
                    [Double](unsafeUninitializedCapacity: a.count) { out, initialized in
                        for i in 0..<a.count { out[i] = operation(a[i], b[i]) }
                        initialized = a.count
                    }
                }
            }
            return Tensor(unchecked: lhs.shape, result, dtype: dtype)
        }
        // A one-element operand of no higher rank leaves the other's shape as it is.
        if rhs.count == 1 && rhs.rank <= lhs.rank {
            let b = rhs.scalars[0]
            return Tensor(unchecked: lhs.shape, lhs.scalars.map { operation($0, b) }, dtype: dtype)
        }
        if lhs.count == 1 && lhs.rank <= rhs.rank {
            let a = lhs.scalars[0]
            return Tensor(unchecked: rhs.shape, rhs.scalars.map { operation(a, $0) }, dtype: dtype)
        }
        if lhs.rank <= 2 && rhs.rank <= 2 { return matrixBroadcast(lhs, rhs, name, dtype, operation) }
        guard let shape = broadcastShape(lhs.shape, rhs.shape) else {
            shapeFailure(ShapeText.broadcastMismatch(name, lhs.shape, rhs.shape))
        }
        return generalBroadcast(lhs, rhs, shape, dtype, operation)
    }

    /// Broadcasting between ranks 1 and 2 (a rank-1 operand is a row), with no
    /// allocation but the result's: bias rows and columns in a training loop.
    @inline(__always)
    private static func matrixBroadcast(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String, _ dtype: DType,
        _ operation: (Double, Double) -> Double
    ) -> Tensor {
        let (aRows, aColumns) = lhs.rank == 2 ? (lhs.shape[0], lhs.shape[1]) : (1, lhs.shape[0])
        let (bRows, bColumns) = rhs.rank == 2 ? (rhs.shape[0], rhs.shape[1]) : (1, rhs.shape[0])
        guard aRows == bRows || aRows == 1 || bRows == 1, aColumns == bColumns || aColumns == 1 || bColumns == 1 else {
            shapeFailure(ShapeText.broadcastMismatch(name, lhs.shape, rhs.shape))
        }
        let rows = aRows == 1 ? bRows : aRows
        let columns = aColumns == 1 ? bColumns : aColumns
        let aRowStep = aRows == 1 ? 0 : aColumns
        let aStep = aColumns == 1 ? 0 : 1
        let bRowStep = bRows == 1 ? 0 : bColumns
        let bStep = bColumns == 1 ? 0 : 1
        let result = lhs.scalars.withUnsafeBufferPointer { a in
            rhs.scalars.withUnsafeBufferPointer { b in
                [Double](unsafeUninitializedCapacity: rows * columns) { out, initialized in
                    for i in 0..<rows {
                        for j in 0..<columns {
                            out[i * columns + j] = operation(a[i * aRowStep + j * aStep], b[i * bRowStep + j * bStep])
                        }
                    }
                    initialized = rows * columns
                }
            }
        }
        let shape: Shape = Swift.max(lhs.rank, rhs.rank) == 2 ? [rows, columns] : [columns]
        return Tensor(unchecked: shape, result, dtype: dtype)
    }

    @inline(__always)
    private static func generalBroadcast(
        _ lhs: Tensor, _ rhs: Tensor, _ shape: Shape, _ dtype: DType,
        _ operation: (Double, Double) -> Double
    ) -> Tensor {
        let total = shape.elementCount
        guard total > 0 else { return Tensor(unchecked: shape, [], dtype: dtype) }
        let lhsStrides = lhs.broadcastStrides(to: shape)
        let rhsStrides = rhs.broadcastStrides(to: shape)
        let last = shape.count - 1
        let inner = shape[last]
        let aStep = lhsStrides[last]
        let bStep = rhsStrides[last]
        var index = [Int](repeating: 0, count: shape.count)
        let result = lhs.scalars.withUnsafeBufferPointer { a in
            rhs.scalars.withUnsafeBufferPointer { b in
                [Double](unsafeUninitializedCapacity: total) { out, initialized in
                    var o = 0
                    var aBase = 0
                    var bBase = 0
                    while o < total {
                        var ai = aBase
                        var bi = bBase
                        for _ in 0..<inner {
                            out[o] = operation(a[ai], b[bi])
                            o += 1
                            ai += aStep
                            bi += bStep
                        }
                        // Advance the outer index like an odometer.
                        var axis = last - 1
                        while axis >= 0 {
                            index[axis] += 1
                            aBase += lhsStrides[axis]
                            bBase += rhsStrides[axis]
                            if index[axis] < shape[axis] { break }
                            aBase -= lhsStrides[axis] * shape[axis]
                            bBase -= rhsStrides[axis] * shape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                    initialized = total
                }
            }
        }
        return Tensor(unchecked: shape, result, dtype: dtype)
    }

    /// Applies `operation` to every element, keeping the shape; the result has
    /// type `dtype` (float64 unless given).
    @inline(__always)
    func mapScalars(dtype: DType = .float64, _ operation: (Double) -> Double) -> Tensor {
        // Integer results never hold -0.0.
        if dtype != .float64 { return Tensor(unchecked: shape, scalars.map { operation($0) + 0 }, dtype: dtype) }
        return Tensor(unchecked: shape, scalars.map(operation), dtype: dtype)
    }

    /// `self` broadcast to `target` (numpy's `np.broadcast_to`), as a new tensor.
    func broadcast(to target: Shape, _ name: String) -> Tensor {
        if shape == target { return self }
        guard Tensor.broadcastShape(shape, target) == target else {
            shapeFailure(
                ShapeText.invalid(name, "could not broadcast input array from shape \(shape) into shape \(target)"))
        }
        let zero = Tensor(unchecked: target, [Double](repeating: 0, count: target.elementCount), dtype: dtype)
        return Tensor.broadcasting(self, zero, name, dtype: dtype) { a, _ in a }
    }
}
