// MARK: - numpy subscripts

// `t[i, 0..<2, ..., idx]`: integers, ranges, strides, `...` (numpy's `:`),
// `np.newaxis`, int64 tensors or `[Int]` (fancy indexing) and bool tensors
// (masks), with numpy's rules for the result's shape. Every form can be
// assigned to; the value broadcasts to the selection and takes the tensor's type.
//
// `...` is Swift's unbounded range, which no protocol can describe, so the
// overloads below spell out where it may stand among up to three positions.

extension Tensor {
    /// Any mix of index kinds (see `TensorIndex`). Without a `Double` context,
    /// all-integer subscripts come here too and give a rank-0 tensor, which
    /// prints like numpy's scalar. numpy: `a[i, 1:3, idx]`.
    public subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        get { self[positions: indices.map(\.tensorIndex)] }
        set { self[positions: indices.map(\.tensorIndex)] = newValue }
    }

    /// A Swift `Int` in and out of any selection: assigning broadcasts it (numpy's
    /// `y[ix] = j` for a Python int `j`); reading wants one element, as `int(a[ix])`.
    ///
    /// Disfavored, and not generic: wherever a `Tensor` fits (`print(y[ix])`,
    /// `d[range(n), y] -= 1`), the general subscript above is chosen; this one only
    /// where nothing but an `Int` does, such as assigning an `Int` variable.
    /// numpy: `y[ix] = j`, `int(y[ix])`.
    @_disfavoredOverload
    public subscript(_ indices: any TensorIndexConvertible...) -> Int {
        get { Int(self[positions: indices.map(\.tensorIndex)]) }
        set { self[positions: indices.map(\.tensorIndex)] = Tensor(newValue) }
    }

    /// A Swift `Double` in and out of any selection, as the `Int` form above.
    /// numpy: `a[mask] = v` for a Python float `v`, `float(a[ix])`.
    @_disfavoredOverload
    public subscript(_ indices: any TensorIndexConvertible...) -> Double {
        get { Double(self[positions: indices.map(\.tensorIndex)]) }
        set { self[positions: indices.map(\.tensorIndex)] = Tensor(newValue) }
    }

    /// numpy: `a[:]`.
    public subscript(_ all: UnboundedRange) -> Tensor {
        get { self[positions: [.all]] }
        set { self[positions: [.all]] = newValue }
    }

    /// numpy: `a[:, j]`, `a[:, j, k]`.
    public subscript(_ all: UnboundedRange, _ rest: any TensorIndexConvertible...) -> Tensor {
        get { self[positions: [.all] + rest.map(\.tensorIndex)] }
        set { self[positions: [.all] + rest.map(\.tensorIndex)] = newValue }
    }

    /// numpy: `a[i, :]`, `a[i, :, k]`.
    public subscript(_ first: any TensorIndexConvertible, _ all: UnboundedRange,
        _ rest: any TensorIndexConvertible...
    ) -> Tensor {
        get { self[positions: [first.tensorIndex, .all] + rest.map(\.tensorIndex)] }
        set { self[positions: [first.tensorIndex, .all] + rest.map(\.tensorIndex)] = newValue }
    }

    /// numpy: `a[:, :]`, `a[:, :, k]`.
    public subscript(_ all: UnboundedRange, _ all2: UnboundedRange, _ rest: any TensorIndexConvertible...) -> Tensor {
        get { self[positions: [.all, .all] + rest.map(\.tensorIndex)] }
        set { self[positions: [.all, .all] + rest.map(\.tensorIndex)] = newValue }
    }

    /// numpy: `a[i, j, :]`.
    public subscript(_ first: any TensorIndexConvertible, _ second: any TensorIndexConvertible,
        _ all: UnboundedRange
    ) -> Tensor {
        get { self[positions: [first.tensorIndex, second.tensorIndex, .all]] }
        set { self[positions: [first.tensorIndex, second.tensorIndex, .all]] = newValue }
    }

    /// numpy: `a[:, j, :]`.
    public subscript(_ all: UnboundedRange, _ second: any TensorIndexConvertible, _ all2: UnboundedRange) -> Tensor {
        get { self[positions: [.all, second.tensorIndex, .all]] }
        set { self[positions: [.all, second.tensorIndex, .all]] = newValue }
    }

    /// numpy: `a[i, :, :]`.
    public subscript(_ first: any TensorIndexConvertible, _ all: UnboundedRange, _ all2: UnboundedRange) -> Tensor {
        get { self[positions: [first.tensorIndex, .all, .all]] }
        set { self[positions: [first.tensorIndex, .all, .all]] = newValue }
    }

    /// numpy: `a[:, :, :]`.
    public subscript(_ all: UnboundedRange, _ all2: UnboundedRange, _ all3: UnboundedRange) -> Tensor {
        get { self[positions: [.all, .all, .all]] }
        set { self[positions: [.all, .all, .all]] = newValue }
    }

    /// The selection for a list of index positions: gather, or broadcast and scatter.
    subscript(positions indices: [TensorIndex]) -> Tensor {
        get {
            if let fast = FastIndex(self, indices) { return gather(fast) }
            let selection = Selection(self, indices)
            return Tensor(unchecked: selection.shape, storage.rearranged(by: OffsetGather(offsets: selection.offsets)))
        }
        set {
            if let fast = FastIndex(self, indices) { return assign(newValue, at: fast) }
            let selection = Selection(self, indices)
            let values = newValue.broadcastForAssignment(to: selection.shape)
            switch dtype {
            case .float64: scatter(values, at: selection.offsets, Double.self)
            case .int64: scatter(values, at: selection.offsets, Int64.self)
            case .bool: scatter(values, at: selection.offsets, Bool.self)
            case .float32: scatter(values, at: selection.offsets, Float.self)
            case .int32: scatter(values, at: selection.offsets, Int32.self)
            case .uint8: scatter(values, at: selection.offsets, UInt8.self)
            }
        }
    }

    /// Writes `values`, converted to `Element` (the tensor's own type), at the row-major offsets.
    mutating func scatter<Element: TensorScalar>(_ values: Tensor, at offsets: [Int], _ type: Element.Type) {
        let source = values.elements(Element.self)
        withMutableElements(Element.self) { out in
            source.withUnsafeBufferPointer { source in
                for (offset, value) in zip(offsets, source) { out[offset] = value }
            }
        }
    }

    /// `self` broadcast to the shape of a selection it is assigned to; numpy's
    /// setitem also lets the value have extra leading axes of extent 1.
    func broadcastForAssignment(to target: Shape) -> Tensor {
        var value = self
        while value.rank > target.count, value.shape.first == 1 { value = value.squeeze(axis: 0) }
        guard Tensor.broadcastShape(value.shape, target) == target else {
            shapeFailure(
                ShapeText.invalid(
                    "setitem",
                    "could not broadcast input array from shape \(shape) "
                        + "into shape \(target)"))
        }
        return value.broadcast(to: target, "setitem")
    }
}

extension np {
    /// The positions of the non-zero elements, one int64 tensor per axis.
    /// numpy: `np.nonzero(a)`.
    public static func nonzero(_ a: some TensorConvertible) -> [Tensor] {
        Selection.nonzero(a.tensorValue)
    }

    /// numpy's one-argument `where`: the same as `nonzero`. numpy: `np.where(condition)`.
    public static func `where`(_ condition: some TensorConvertible) -> [Tensor] {
        Selection.nonzero(condition.tensorValue)
    }
}

/// The elements at the given row-major offsets, in order.
struct OffsetGather: ElementRearrangement {
    let offsets: [Int]

    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element> {
        values.withUnsafeBufferPointer { x in
            offsets.withUnsafeBufferPointer { offsets in
                TensorBuffer.make(count: offsets.count) { out in
                    for k in 0..<offsets.count { out[k] = x[offsets[k]] }
                }
            }
        }
    }
}
