// MARK: - Broadcasting

extension Tensor {
    /// numpy's broadcast of two shapes: align from the right; extents must be
    /// equal or one of them 1. Returns nil when they cannot be broadcast.
    static func broadcastShape(_ lhs: Shape, _ rhs: Shape) -> Shape? {
        if lhs == rhs { return lhs }
        let rank = Swift.max(lhs.count, rhs.count)
        var result = Shape()
        for axis in 0..<rank {
            let a = axis < rank - lhs.count ? 1 : lhs[axis - (rank - lhs.count)]
            let b = axis < rank - rhs.count ? 1 : rhs[axis - (rank - rhs.count)]
            guard a == b || a == 1 || b == 1 else { return nil }
            result.append(a == 1 ? b : a)
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

    /// A numpy binary ufunc: both operands converted to `Element` (their promoted
    /// type, which the caller chose), broadcast, and `operation` applied elementwise.
    ///
    /// Traps with `<name>: operands could not be broadcast together with shapes ...`.
    @inline(__always)
    static func elementwise<Element: TensorScalar, Result: TensorScalar>(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String, _ type: Element.Type,
        _ operation: (Element, Element) -> Result
    ) -> Tensor {
        let a = lhs.elements(Element.self)
        let b = rhs.elements(Element.self)
        // Equal shapes (the commonest case) and one-element operands need no broadcast shape.
        if lhs.shape == rhs.shape {
            return Tensor(unchecked: lhs.shape, elements: combine(a, b, operation))
        }
        if b.count == 1 && rhs.rank <= lhs.rank {
            let y = b[0]
            return Tensor(unchecked: lhs.shape, elements: a.mapped { operation($0, y) })
        }
        if a.count == 1 && lhs.rank <= rhs.rank {
            let x = a[0]
            return Tensor(unchecked: rhs.shape, elements: b.mapped { operation(x, $0) })
        }
        if lhs.rank <= 2 && rhs.rank <= 2 { return matrixBroadcast(a, lhs.shape, b, rhs.shape, name, operation) }
        guard let shape = broadcastShape(lhs.shape, rhs.shape) else {
            shapeFailure(ShapeText.broadcastMismatch(name, lhs.shape, rhs.shape))
        }
        let total = shape.elementCount
        let values = a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                TensorBuffer<Result>.make(count: total) { out in
                    if total > 0 {
                        forEachRow(shape, lhs.broadcastStrides(to: shape), rhs.broadcastStrides(to: shape)) {
                            o, i, iStep, j, jStep, n in
                            rowLoop(
                                out.baseAddress! + o, x.baseAddress! + i, iStep, y.baseAddress! + j, jStep, n, operation
                            )
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: shape, elements: values)
    }

    /// Broadcasting between ranks 1 and 2 (a rank-1 operand is a row), with no
    /// allocation but the result's: bias rows and columns in a training loop.
    @inline(__always)
    private static func matrixBroadcast<Element, Result: TensorScalar>(
        _ a: TensorBuffer<Element>, _ aShape: Shape, _ b: TensorBuffer<Element>, _ bShape: Shape, _ name: String,
        _ operation: (Element, Element) -> Result
    ) -> Tensor {
        let (aRows, aColumns) = aShape.count == 2 ? (aShape[0], aShape[1]) : (1, aShape[0])
        let (bRows, bColumns) = bShape.count == 2 ? (bShape[0], bShape[1]) : (1, bShape[0])
        guard aRows == bRows || aRows == 1 || bRows == 1, aColumns == bColumns || aColumns == 1 || bColumns == 1 else {
            shapeFailure(ShapeText.broadcastMismatch(name, aShape, bShape))
        }
        let rows = aRows == 1 ? bRows : aRows
        let columns = aColumns == 1 ? bColumns : aColumns
        let aRowStep = aRows == 1 ? 0 : aColumns
        let aStep = aColumns == 1 ? 0 : 1
        let bRowStep = bRows == 1 ? 0 : bColumns
        let bStep = bColumns == 1 ? 0 : 1
        let values = a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                TensorBuffer<Result>.make(count: rows * columns) { out in
                    if rows * columns > 0 {
                        for i in 0..<rows {
                            rowLoop(
                                out.baseAddress! + i * columns, x.baseAddress! + i * aRowStep, aStep,
                                y.baseAddress! + i * bRowStep, bStep, columns, operation)
                        }
                    }
                }
            }
        }
        let shape = Swift.max(aShape.count, bShape.count) == 2 ? Shape(rows, columns) : Shape(columns)
        return Tensor(unchecked: shape, elements: values)
    }

    /// `self = operation(self, rhs)` elementwise, in place: `rhs` is converted to
    /// `Element`, the tensor's own element type, and must broadcast to the tensor's
    /// shape. No allocation when nothing else shares the tensor's storage.
    @inline(__always)
    mutating func combineInPlace<Element: TensorScalar>(
        _ rhs: Tensor, _ name: String, _ type: Element.Type, _ operation: (Element, Element) -> Element
    ) {
        guard rhs.shape == shape || Tensor.broadcastShape(shape, rhs.shape) == shape else {
            let result = Tensor.broadcastShape(shape, rhs.shape)
            guard let result else { shapeFailure(ShapeText.broadcastMismatch(name, shape, rhs.shape)) }
            shapeFailure(
                ShapeText.invalid(
                    name,
                    "non-broadcastable output operand with shape \(shape)"
                        + " doesn't match the broadcast shape \(result)"))
        }
        let b = rhs.elements(Element.self)
        let target = shape
        let bStrides = rhs.shape == target ? nil : rhs.broadcastStrides(to: target)
        withMutableElements(Element.self) { a in
            guard let base = a.baseAddress else { return }
            b.withUnsafeBufferPointer { y in
                guard let bStrides else {
                    for i in 0..<a.count { a[i] = operation(a[i], y[i]) }
                    return
                }
                if y.count == 1 {
                    let value = y[0]
                    for i in 0..<a.count { a[i] = operation(a[i], value) }
                    return
                }
                forEachRow(target, Tensor.contiguousStrides(target), bStrides) { o, _, _, j, jStep, n in
                    rowLoop(base + o, UnsafePointer(base + o), 1, y.baseAddress! + j, jStep, n, operation)
                }
            }
        }
    }

    /// `self` broadcast to `target` (numpy's `np.broadcast_to`), as a new tensor.
    func broadcast(to target: Shape, _ name: String) -> Tensor {
        if shape == target { return self }
        guard Tensor.broadcastShape(shape, target) == target else {
            shapeFailure(
                ShapeText.invalid(name, "could not broadcast input array from shape \(shape) into shape \(target)"))
        }
        return Tensor(unchecked: target, storage.rearranged(by: BroadcastCopy(source: self, target: target)))
    }

    /// Row-major strides of a contiguous tensor of `shape`.
    static func contiguousStrides(_ shape: Shape) -> [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            result[axis] = stride
            stride *= shape[axis]
        }
        return result
    }
}

/// The elements of a tensor repeated along its broadcast axes.
private struct BroadcastCopy: ElementRearrangement {
    let source: Tensor
    let target: Shape

    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element> {
        let total = target.elementCount
        let strides = source.broadcastStrides(to: target)
        return values.withUnsafeBufferPointer { x in
            TensorBuffer.make(count: total) { out in
                guard total > 0 else { return }
                forEachRow(target, Tensor.contiguousStrides(target), strides) { o, _, _, j, jStep, n in
                    for k in 0..<n { out[o + k] = x[j + k * jStep] }
                }
            }
        }
    }
}

// MARK: - Loops

/// `out[k] = operation(a[k], b[k])` over two equally long buffers.
@inline(__always)
func combine<Element: TensorScalar, Result: TensorScalar>(
    _ a: TensorBuffer<Element>, _ b: TensorBuffer<Element>, _ operation: (Element, Element) -> Result
) -> TensorBuffer<Result> {
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            TensorBuffer<Result>.make(count: x.count) { out in
                for k in 0..<x.count { out[k] = operation(x[k], y[k]) }
            }
        }
    }
}

/// One innermost row of a broadcast: `n` results from `a` and `b` read with steps
/// `aStep` and `bStep` (0 for a broadcast operand, 1 for a contiguous one). The
/// common step pairs get loops of their own, which the compiler vectorises.
@inline(__always)
func rowLoop<A, B, Result>(
    _ out: UnsafeMutablePointer<Result>, _ a: UnsafePointer<A>, _ aStep: Int,
    _ b: UnsafePointer<B>, _ bStep: Int, _ n: Int, _ operation: (A, B) -> Result
) {
    if aStep == 1 && bStep == 1 {
        for k in 0..<n { out[k] = operation(a[k], b[k]) }
    } else if aStep == 1 && bStep == 0 {
        let y = b[0]
        for k in 0..<n { out[k] = operation(a[k], y) }
    } else if aStep == 0 && bStep == 1 {
        let x = a[0]
        for k in 0..<n { out[k] = operation(x, b[k]) }
    } else {
        for k in 0..<n { out[k] = operation(a[k * aStep], b[k * bStep]) }
    }
}

/// Walks a contiguous result of `shape` row by row (its last axis), telling `body`
/// each row's offset in the result and the offsets and steps of the two inputs,
/// read with the given strides (0 along broadcast axes).
@inline(__always)
func forEachRow(
    _ shape: Shape, _ aStrides: [Int], _ bStrides: [Int],
    _ body: (_ out: Int, _ a: Int, _ aStep: Int, _ b: Int, _ bStep: Int, _ n: Int) -> Void
) {
    let rank = shape.count
    if rank == 0 {
        body(0, 0, 0, 0, 0, 1)
        return
    }
    let last = rank - 1
    let n = shape[last]
    let aStep = aStrides[last]
    let bStep = bStrides[last]
    if rank == 1 {
        body(0, 0, aStep, 0, bStep, n)
        return
    }
    if rank == 2 {
        for row in 0..<shape[0] { body(row * n, row * aStrides[0], aStep, row * bStrides[0], bStep, n) }
        return
    }
    // Advance the outer axes like an odometer.
    var index = [Int](repeating: 0, count: last)
    var a = 0
    var b = 0
    let rows = shape.elementCount / Swift.max(n, 1)
    for row in 0..<rows {
        body(row * n, a, aStep, b, bStep, n)
        var axis = last - 1
        while axis >= 0 {
            index[axis] += 1
            a += aStrides[axis]
            b += bStrides[axis]
            if index[axis] < shape[axis] { break }
            a -= aStrides[axis] * shape[axis]
            b -= bStrides[axis] * shape[axis]
            index[axis] = 0
            axis -= 1
        }
    }
}
