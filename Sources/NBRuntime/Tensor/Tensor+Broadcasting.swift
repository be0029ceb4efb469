// MARK: - Broadcasting

extension Tensor {
    /// numpy's broadcast of two shapes: align from the right; extents must be
    /// equal or one of them 1. Returns nil when they cannot be broadcast.
    @inline(__always)
    static func broadcastShape(_ lhs: Shape, _ rhs: Shape) -> Shape? {
        if lhs == rhs { return lhs }
        if lhs.count <= 2 && rhs.count <= 2 { return matrixBroadcastShape(lhs, rhs) }
        return anyBroadcastShape(lhs, rhs)
    }

    /// `broadcastShape` of two shapes of at most two axes, without a loop: a bias
    /// row or a scalar against a matrix, as in every training step.
    private static func matrixBroadcastShape(_ lhs: Shape, _ rhs: Shape) -> Shape? {
        let (a0, a1) = lhs.count == 2 ? (lhs[0], lhs[1]) : (1, lhs.count == 1 ? lhs[0] : 1)
        let (b0, b1) = rhs.count == 2 ? (rhs[0], rhs[1]) : (1, rhs.count == 1 ? rhs[0] : 1)
        guard a0 == b0 || a0 == 1 || b0 == 1, a1 == b1 || a1 == 1 || b1 == 1 else { return nil }
        switch Swift.max(lhs.count, rhs.count) {
        case 0: return Shape()
        case 1: return Shape(a1 == 1 ? b1 : a1)
        default: return Shape(a0 == 1 ? b0 : a0, a1 == 1 ? b1 : a1)
        }
    }

    private static func anyBroadcastShape(_ lhs: Shape, _ rhs: Shape) -> Shape? {
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
    func broadcastStrides(to target: Shape) -> [Int] { Tensor.broadcastStrides(of: shape, to: target) }

    /// Strides (in elements) that read a contiguous tensor of `shape` as if it had
    /// `target` shape: broadcast axes get stride 0.
    static func broadcastStrides(of shape: Shape, to target: Shape) -> [Int] {
        let own = contiguousStrides(shape)
        let offset = target.count - shape.count
        return target.indices.map { axis in
            axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
        }
    }

    /// A numpy binary ufunc: both operands converted to `Element` (their promoted
    /// type, which the caller chose), broadcast, and `operation` applied elementwise.
    ///
    /// Traps with `<name>: operands could not be broadcast together with shapes ...`.
    ///
    /// The operands are consumed: when one of them is a temporary of the result's shape
    /// and type, the result is written over its elements (see `takeUniqueElements`).
    @inline(__always)
    static func elementwise<Element: TensorScalar, Result: TensorScalar>(
        _ lhs: consuming Tensor, _ rhs: consuming Tensor, _ name: String, _ type: Element.Type,
        _ operation: (Element, Element) -> Result
    ) -> Tensor {
        if Result.self == Element.self, let result = inPlace(&lhs, &rhs, operation) { return result }
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

    /// `operation` written over the elements of whichever operand is a temporary of the
    /// result's shape and of type `Element` (the left one first); nil when neither is,
    /// or when the shapes don't broadcast (the caller then says so).
    @inline(__always)
    private static func inPlace<Element: TensorScalar, Result: TensorScalar>(
        _ lhs: inout Tensor, _ rhs: inout Tensor, _ operation: (Element, Element) -> Result
    ) -> Tensor? {
        guard let shape = broadcastShape(lhs.shape, rhs.shape) else { return nil }
        if lhs.shape == shape, let out = lhs.takeUniqueElements(Element.self) {
            let b = rhs.elements(Element.self)
            out.withUnsafeMutableBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    let result = UnsafeMutableRawPointer(x.baseAddress!).assumingMemoryBound(to: Result.self)
                    broadcastLoop(
                        result, shape, UnsafePointer(x.baseAddress!), lhs.shape, y.baseAddress!, rhs.shape, operation)
                }
            }
            return Tensor(unchecked: shape, elements: out)
        }
        if rhs.shape == shape, let out = rhs.takeUniqueElements(Element.self) {
            let a = lhs.elements(Element.self)
            out.withUnsafeMutableBufferPointer { y in
                a.withUnsafeBufferPointer { x in
                    let result = UnsafeMutableRawPointer(y.baseAddress!).assumingMemoryBound(to: Result.self)
                    broadcastLoop(
                        result, shape, x.baseAddress!, lhs.shape, UnsafePointer(y.baseAddress!), rhs.shape, operation)
                }
            }
            return Tensor(unchecked: shape, elements: out)
        }
        return nil
    }

    /// `out = operation(a, b)` over a result of `shape`, with `a` and `b` (of shapes that
    /// broadcast to it) read in place: equal shapes, one-element operands and ranks up to
    /// 2 without any allocation. `out` may be `a` or `b` itself, as each result is written
    /// after its own operands were read.
    @inline(__always)
    private static func broadcastLoop<Element, Result>(
        _ out: UnsafeMutablePointer<Result>, _ shape: Shape,
        _ a: UnsafePointer<Element>, _ aShape: Shape, _ b: UnsafePointer<Element>, _ bShape: Shape,
        _ operation: (Element, Element) -> Result
    ) {
        let total = shape.elementCount
        guard total > 0 else { return }
        if aShape == bShape {
            rowLoop(out, a, 1, b, 1, total, operation)
        } else if bShape.elementCount == 1 && bShape.count <= aShape.count {
            rowLoop(out, a, 1, b, 0, total, operation)
        } else if aShape.elementCount == 1 && aShape.count <= bShape.count {
            rowLoop(out, a, 0, b, 1, total, operation)
        } else if shape.count <= 2 {
            let (aRows, aColumns) = aShape.count == 2 ? (aShape[0], aShape[1]) : (1, aShape.count == 1 ? aShape[0] : 1)
            let (bRows, bColumns) = bShape.count == 2 ? (bShape[0], bShape[1]) : (1, bShape.count == 1 ? bShape[0] : 1)
            let columns = shape[shape.count - 1]
            let rows = total / columns
            for i in 0..<rows {
                rowLoop(
                    out + i * columns, a + (aRows == 1 ? 0 : i * aColumns), aColumns == 1 ? 0 : 1,
                    b + (bRows == 1 ? 0 : i * bColumns), bColumns == 1 ? 0 : 1, columns, operation)
            }
        } else {
            forEachRow(shape, broadcastStrides(of: aShape, to: shape), broadcastStrides(of: bShape, to: shape)) {
                o, i, iStep, j, jStep, n in
                rowLoop(out + o, a + i, iStep, b + j, jStep, n, operation)
            }
        }
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
