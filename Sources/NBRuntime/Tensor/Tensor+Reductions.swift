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
    /// float32 sums in float32 the same way; uint8 and int32 sum to int64 (numpy
    /// sums uint8 to uint64: the same values for up to 2^55 elements).
    public func sum(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        if dtype == .float32 {
            return reduce(axis: axis, keepdims: keepdims, "sum", Float.self, empty: 0) { lane in
                0 + pairwiseSum(lane.baseAddress!, lane.count)
            } along: { total, row in
                for k in 0..<total.count { total[k] += row[k] }
            }
        }
        guard dtype == .float64 else {
            // Integer sums wrap around on overflow, as numpy's int64 sums do; their order doesn't matter.
            return reduce(axis: axis, keepdims: keepdims, "sum", Int64.self, empty: 0) { lane in
                var total: Int64 = 0
                for k in 0..<lane.count { total &+= lane[k] }
                return total
            } along: { total, row in
                for k in 0..<total.count { total[k] &+= row[k] }
            }
        }
        return reduce(axis: axis, keepdims: keepdims, "sum", Double.self, empty: 0) { lane in
            0.0 + pairwiseSum(lane.baseAddress!, lane.count)
        } along: { total, row in
            for k in 0..<total.count { total[k] += row[k] }
        }
    }

    /// The mean of all elements or along one axis: `sum / n`, as numpy computes it
    /// (nan when empty); float64, or float32 for float32 (summed and divided in
    /// float32, as numpy does). numpy: `a.mean(axis=None, keepdims=False)`.
    public func mean(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        let n = axis.map { shape[normalized(axis: $0, "mean")] } ?? count
        // numpy sums ints and bools in float64 (`dtype=float64`), each converted first.
        return floatOperand.sum(axis: axis, keepdims: keepdims) / Double(n)
    }

    /// The variance of all elements or along one axis, always float64, computed
    /// as numpy does: the mean (kept as a broadcastable tensor) is subtracted,
    /// the deviations squared and summed, and the sum divided by `n - ddof`.
    /// numpy: `a.var(axis=None, ddof=0, keepdims=False)`.
    public func `var`(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) -> Tensor {
        let n = axis.map { shape[normalized(axis: $0, "var")] } ?? count
        let values = floatOperand
        let deviations = values - values.sum(axis: axis, keepdims: true) / Double(n)
        return (deviations * deviations).sum(axis: axis, keepdims: keepdims) / Double(Swift.max(n - ddof, 0))
    }

    /// The standard deviation: the square root of `var`. numpy: `a.std(axis=None, ddof=0, keepdims=False)`.
    public func std(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) -> Tensor {
        ShapeText.reporting(as: "std") {
            sqrt(self.var(axis: axis, ddof: ddof, keepdims: keepdims))
        }
    }

    /// The largest element (rank 0) or the largest along one axis, keeping the
    /// type; nan wins. Traps when empty, like numpy. numpy: `a.max(axis=None, keepdims=False)`.
    public func max(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        extreme(axis: axis, keepdims: keepdims, "max", "maximum", { best, value in !(best > value) }, { $0 < $1 })
    }

    /// The smallest element (rank 0) or the smallest along one axis, keeping
    /// the type; nan wins. Traps when empty, like numpy. numpy: `a.min(axis=None, keepdims=False)`.
    public func min(axis: Int? = nil, keepdims: Bool = false) -> Tensor {
        extreme(axis: axis, keepdims: keepdims, "min", "minimum", { best, value in !(best < value) }, { $0 > $1 })
    }

    /// The row-major (flat) index of the first largest element, or of the
    /// first nan if there is one. Traps when empty. numpy: `a.argmax()`.
    public func argmax() -> Int {
        guard count > 0 else { shapeFailure(ShapeText.invalid("argmax", "attempt to get argmax of an empty sequence")) }
        return argExtreme(start: 0, count: count, stride: 1, >, >)
    }

    /// For each position of the other axes, the index along `axis` of the first
    /// largest element or first nan, as an int64 tensor. numpy: `a.argmax(axis=axis)`.
    public func argmax(axis: Int, keepdims: Bool = false) -> Tensor {
        argExtreme(axis: axis, keepdims: keepdims, "argmax", >, >)
    }

    /// The row-major (flat) index of the first smallest element, or of the
    /// first nan if there is one. Traps when empty. numpy: `a.argmin()`.
    public func argmin() -> Int {
        guard count > 0 else { shapeFailure(ShapeText.invalid("argmin", "attempt to get argmin of an empty sequence")) }
        return argExtreme(start: 0, count: count, stride: 1, <, <)
    }

    /// For each position of the other axes, the index along `axis` of the first
    /// smallest element or first nan, as an int64 tensor. numpy: `a.argmin(axis=axis)`.
    public func argmin(axis: Int, keepdims: Bool = false) -> Tensor {
        argExtreme(axis: axis, keepdims: keepdims, "argmin", <, <)
    }

    /// Running sums in row-major order (flattened), or along one axis, each a
    /// plain left-to-right sum as numpy's `add.accumulate` computes it. Ints
    /// and bools give int64 (wrapping around on overflow). numpy: `np.cumsum(a, axis=None)`.
    public func cumsum(axis: Int? = nil) -> Tensor {
        if dtype == .float64 { return runningSums(axis: axis, Double.self, +) }
        if dtype == .float32 { return runningSums(axis: axis, Float.self, +) }
        return runningSums(axis: axis, Int64.self, &+)
    }

    // MARK: - Helpers

    /// The tensor in the type numpy's mean and variance compute in: float32 stays, the rest become float64.
    private var floatOperand: Tensor { dtype == .float32 ? self : astype(.float64) }

    /// A reduction of all elements (`axis` nil) or along one axis, without temporary
    /// tensors: `lane` reduces contiguous elements (the whole tensor, or an axis with
    /// nothing after it); along other axes `add` accumulates the slices one after
    /// another into the result's row, which starts at `empty`, as numpy's iterator does.
    @inline(__always)
    private func reduce<Element: TensorScalar>(
        axis: Int?, keepdims: Bool, _ name: String, _ type: Element.Type, empty: Element,
        _ lane: (UnsafeBufferPointer<Element>) -> Element,
        along add: (UnsafeMutableBufferPointer<Element>, UnsafeBufferPointer<Element>) -> Void
    ) -> Tensor {
        let x = elements(Element.self)
        guard let axis else {
            let total = x.withUnsafeBufferPointer { $0.isEmpty ? empty : lane($0) }
            return Tensor(unchecked: keepdims ? allOnes : Shape(), elements: TensorBuffer.repeating(total, count: 1))
        }
        let resolved = normalized(axis: axis, name)
        let (outer, length, inner) = split(at: resolved)
        let result = x.withUnsafeBufferPointer { x in
            TensorBuffer<Element>.make(count: outer * inner) { out in
                out.initialize(repeating: empty)
                guard let base = x.baseAddress, length > 0 else { return }
                for o in 0..<outer {
                    if inner == 1 {
                        out[o] = lane(UnsafeBufferPointer(start: base + o * length, count: length))
                        continue
                    }
                    let total = UnsafeMutableBufferPointer(rebasing: out[(o * inner)..<((o + 1) * inner)])
                    for i in 0..<length {
                        add(total, UnsafeBufferPointer(start: base + (o * length + i) * inner, count: inner))
                    }
                }
            }
        }
        return Tensor(unchecked: reducedShape(resolved, keepdims), elements: result)
    }

    /// Running sums, flattened or along an axis, each a plain left-to-right sum.
    private func runningSums<Element: TensorScalar>(
        axis: Int?, _ type: Element.Type, _ add: (Element, Element) -> Element
    ) -> Tensor {
        var values = Array(elements(Element.self))
        guard let axis else {
            for k in values.indices.dropFirst() { values[k] = add(values[k - 1], values[k]) }
            return Tensor(unchecked: [count], elements: values)
        }
        let resolved = normalized(axis: axis, "cumsum")
        let (outer, length, inner) = split(at: resolved)
        for o in 0..<outer {
            for i in 1..<Swift.max(length, 1) {
                for j in 0..<inner {
                    let index = (o * length + i) * inner + j
                    values[index] = add(values[index - inner], values[index])
                }
            }
        }
        return Tensor(unchecked: shape, elements: values)
    }

    /// numpy's running maximum or minimum: for floats nan wins, and an equal later
    /// element replaces the current one (so `max([0.0, -0.0])` is `-0.0`, as in numpy).
    private func extreme(
        axis: Int?, keepdims: Bool, _ name: String, _ ufunc: String,
        _ replaces: (Double, Double) -> Bool, _ integerReplaces: (Int64, Int64) -> Bool
    ) -> Tensor {
        switch storage {
        case .float64(let values):
            return extreme(values, axis: axis, keepdims: keepdims, name, ufunc, stopsAt: { $0.isNaN }, replaces)
        case .int64(let values):
            return extreme(
                values, axis: axis, keepdims: keepdims, name, ufunc, stopsAt: { _ in false }, integerReplaces)
        case .bool(let values):
            let integers = values.mapped { $0 ? Int64(1) : 0 }
            return extreme(
                integers, axis: axis, keepdims: keepdims, name, ufunc, stopsAt: { _ in false }, integerReplaces
            )
            .astype(.bool)
        case .float32, .int32, .uint8:
            // Exact in float64 or int64; the result goes back to the tensor's type.
            return astype(dtype.isFloatingPoint ? .float64 : .int64)
                .extreme(axis: axis, keepdims: keepdims, name, ufunc, replaces, integerReplaces).astype(dtype)
        }
    }

    private func extreme<Element: TensorScalar>(
        _ values: TensorBuffer<Element>, axis: Int?, keepdims: Bool, _ name: String, _ ufunc: String,
        stopsAt: (Element) -> Bool, _ replaces: (Element, Element) -> Bool
    ) -> Tensor {
        let empty = ShapeText.invalid(name, "zero-size array to reduction operation \(ufunc) which has no identity")
        func reduce(_ start: Int, _ n: Int, _ stride: Int) -> Element {
            var best = values[start]
            for i in 1..<Swift.max(n, 1) {
                if stopsAt(best) { break }
                let value = values[start + i * stride]
                if replaces(best, value) { best = value }
            }
            return best
        }
        guard let axis else {
            guard count > 0 else { shapeFailure(empty) }
            return Tensor(unchecked: keepdims ? allOnes : [], elements: [reduce(0, count, 1)])
        }
        let resolved = normalized(axis: axis, name)
        let (outer, length, inner) = split(at: resolved)
        guard length > 0 || outer * inner == 0 else { shapeFailure(empty) }
        var result: [Element] = []
        result.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for j in 0..<inner { result.append(reduce(o * length * inner + j, length, inner)) }
        }
        return Tensor(unchecked: reducedShape(resolved, keepdims), elements: result)
    }

    private func argExtreme(
        axis: Int, keepdims: Bool, _ name: String, _ better: (Double, Double) -> Bool,
        _ integerBetter: (Int64, Int64) -> Bool
    ) -> Tensor {
        let resolved = normalized(axis: axis, name)
        let (outer, length, inner) = split(at: resolved)
        guard length > 0 else { shapeFailure(ShapeText.invalid(name, "attempt to get \(name) of an empty sequence")) }
        var result: [Int64] = []
        result.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for j in 0..<inner {
                let position = argExtreme(
                    start: o * length * inner + j, count: length, stride: inner, better, integerBetter)
                result.append(Int64(position))
            }
        }
        return Tensor(unchecked: reducedShape(resolved, keepdims), elements: result)
    }

    /// The position in its lane of the first best element, or of the first nan.
    private func argExtreme(
        start: Int, count: Int, stride: Int, _ better: (Double, Double) -> Bool,
        _ integerBetter: (Int64, Int64) -> Bool
    ) -> Int {
        switch storage {
        case .float64(let values):
            return Self.argExtreme(values, start, count, stride, isNaN: { $0.isNaN }, better)
        case .int64(let values):
            return Self.argExtreme(values, start, count, stride, isNaN: { _ in false }, integerBetter)
        case .bool(let values):
            let integers = values.mapped { $0 ? Int64(1) : 0 }
            return Self.argExtreme(integers, start, count, stride, isNaN: { _ in false }, integerBetter)
        case .float32, .int32, .uint8:
            return astype(dtype.isFloatingPoint ? .float64 : .int64)
                .argExtreme(start: start, count: count, stride: stride, better, integerBetter)
        }
    }

    private static func argExtreme<Element: TensorScalar>(
        _ values: TensorBuffer<Element>, _ start: Int, _ count: Int, _ stride: Int, isNaN: (Element) -> Bool,
        _ better: (Element, Element) -> Bool
    ) -> Int {
        var best = 0
        var bestValue = values[start]
        if isNaN(bestValue) { return 0 }
        for i in 1..<Swift.max(count, 1) {
            let value = values[start + i * stride]
            if isNaN(value) { return i }
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
        var outer = 1
        var inner = 1
        for position in 0..<axis { outer *= shape[position] }
        for position in (axis + 1)..<rank { inner *= shape[position] }
        return (outer, shape[axis], inner)
    }

    private func reducedShape(_ axis: Int, _ keepdims: Bool) -> Shape {
        var result = shape
        if keepdims { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }

    /// This tensor's rank with every extent 1 (a full reduction with `keepdims`).
    private var allOnes: Shape {
        var ones = shape
        for axis in ones.indices { ones[axis] = 1 }
        return ones
    }
}
