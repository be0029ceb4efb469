// MARK: - Joining and permuting axes

extension Tensor {
    /// The axes permuted: `axes[i]` is the old axis that becomes axis `i`;
    /// with no axes, reversed (the same as `T`). numpy: `a.transpose(*axes)`.
    public func transpose(_ axes: Int...) -> Tensor {
        transpose(axes: axes.isEmpty ? nil : axes)
    }

    /// The axes permuted by `axes`, or reversed when nil. numpy: `np.transpose(a, axes=None)`.
    public func transpose(axes: [Int]?) -> Tensor {
        guard let axes else { return T }
        let resolved = axes.map { normalized(axis: $0, "transpose") }
        guard resolved.count == rank, Set(resolved).count == rank else {
            shapeFailure(ShapeText.invalid("transpose", "axes don't match array"))
        }
        let oldStrides = strides
        let newShape = Shape(resolved.map { shape[$0] })
        let newStrides = resolved.map { oldStrides[$0] }
        return gather(shape: newShape, strides: newStrides, offset: 0)
    }

    /// The elements read with the given strides (in elements) from `offset`, as a new contiguous tensor.
    func gather(shape newShape: Shape, strides readStrides: [Int], offset: Int) -> Tensor {
        Tensor(
            unchecked: newShape,
            storage.rearranged(by: StridedRead(shape: newShape, strides: readStrides, offset: offset)))
    }

    /// A new axis of extent 1 inserted at `axis`. numpy: `np.expand_dims(a, axis)`.
    public func expandingDimensions(at axis: Int) -> Tensor {
        let position = axis < 0 ? axis + rank + 1 : axis
        guard position >= 0 && position <= rank else {
            shapeFailure(
                ShapeText.invalid("expand_dims", "axis \(axis) is out of bounds for array of dimension \(rank + 1)"))
        }
        var newShape = shape
        newShape.insert(1, at: position)
        return Tensor(unchecked: newShape, storage)
    }

    /// The axes of extent 1 removed (all of them, or just `axis`). numpy: `np.squeeze(a, axis=None)`.
    public func squeeze(axis: Int? = nil) -> Tensor {
        guard let axis else { return Tensor(unchecked: Shape(shape.filter { $0 != 1 }), storage) }
        let resolved = normalized(axis: axis, "squeeze")
        guard shape[resolved] == 1 else {
            shapeFailure(
                ShapeText.invalid("squeeze", "cannot select an axis to squeeze out which has size not equal to one"))
        }
        var newShape = shape
        newShape.remove(at: resolved)
        return Tensor(unchecked: newShape, storage)
    }

    /// The tensors joined along an existing axis; all other extents must agree.
    /// The type is the promoted type. numpy: `np.concatenate(arrays, axis=0)`.
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { shapeFailure("concatenate: need at least one array to concatenate") }
        guard first.rank > 0 else { shapeFailure("concatenate: zero-dimensional arrays cannot be concatenated") }
        let resolved = first.normalized(axis: axis, "concatenate")
        var dtype = first.dtype
        var total = 0
        for (index, tensor) in tensors.enumerated() {
            guard tensor.rank == first.rank else {
                shapeFailure(
                    ShapeText.invalid(
                        "concatenate",
                        "all the input array dimensions except for the "
                            + "concatenation axis must match exactly, but array 0 has \(first.rank) dimension(s) and the "
                            + "array at index \(index) has \(tensor.rank) dimension(s)"))
            }
            for d in 0..<first.rank where d != resolved && tensor.shape[d] != first.shape[d] {
                shapeFailure(
                    ShapeText.invalid(
                        "concatenate",
                        "all the input array dimensions except for the "
                            + "concatenation axis must match exactly, but along dimension \(d), the array at index 0 has "
                            + "size \(first.shape[d]) and the array at index \(index) has size \(tensor.shape[d])"))
            }
            dtype = DType.promoted(dtype, tensor.dtype)
            total += tensor.shape[resolved]
        }
        var shape = first.shape
        shape[resolved] = total
        let outer = first.shape[..<resolved].reduce(1, *)
        let parts = tensors.map(\.storage)
        let joined = TensorStorage(zeros: 0, dtype: dtype).rearranged(
            by: Concatenation(parts: parts, chunks: tensors.map { $0.shape[resolved...].reduce(1, *) }, outer: outer))
        return Tensor(unchecked: shape, joined)
    }

    /// Equally shaped tensors joined along a new axis. numpy: `np.stack(arrays, axis=0)`.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { shapeFailure("stack: need at least one array to stack") }
        for (index, tensor) in tensors.enumerated() where tensor.shape != first.shape {
            shapeFailure(
                ShapeText.invalid(
                    "stack",
                    "all input arrays must have the same shape, but array 0 has "
                        + "shape \(first.shape) and array \(index) has shape \(tensor.shape)"))
        }
        let position = axis < 0 ? axis + first.rank + 1 : axis
        guard position >= 0 && position <= first.rank else {
            shapeFailure(
                ShapeText.invalid("stack", "axis \(axis) is out of bounds for array of dimension \(first.rank + 1)"))
        }
        return concatenate(tensors.map { $0.expandingDimensions(at: position) }, axis: position)
    }
}

/// Elements read with arbitrary strides (in elements) from `offset`, in row-major order of `shape`.
struct StridedRead: ElementRearrangement {
    let shape: Shape
    let strides: [Int]
    let offset: Int

    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element> {
        let total = shape.elementCount
        return values.withUnsafeBufferPointer { x in
            TensorBuffer.make(count: total) { out in
                guard total > 0 else { return }
                forEachRow(shape, strides, strides) { o, i, iStep, _, _, n in
                    for k in 0..<n { out[o + k] = x[offset + i + k * iStep] }
                }
            }
        }
    }
}

/// Tensors joined along an axis, converted to the result's dtype: for each of the `outer`
/// positions before the axis, each part's chunk in turn. `apply` ignores its own input.
private struct Concatenation: ElementRearrangement {
    let parts: [TensorStorage]
    let chunks: [Int]
    let outer: Int

    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element> {
        let buffers = parts.map { Element.elements(of: $0) }
        let total = zip(chunks, buffers).reduce(0) { $0 + $1.1.count }
        return TensorBuffer.make(count: total) { out in
            var position = 0
            for o in 0..<outer {
                for (chunk, buffer) in zip(chunks, buffers) {
                    buffer.withUnsafeBufferPointer { x in
                        for k in 0..<chunk { out[position + k] = x[o * chunk + k] }
                    }
                    position += chunk
                }
            }
        }
    }
}
