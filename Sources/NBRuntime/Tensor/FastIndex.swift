// MARK: - The fancy indices of a training step

/// The two forms of numpy's advanced indexing that course notebooks use in every
/// training step, resolved without `Selection`'s lists of positions:
///
/// - a bool mask of the tensor's own shape: `dhidden[hidden_layer .<= 0] = 0` reads the
///   mask directly, and assigning one value is a select over the whole buffer;
/// - one int64 array per axis, all of one shape: `probs[range(n), y]` pairs the arrays
///   with the tensor's strides, one offset per picked element.
///
/// Anything else (slices, new axes, broadcasting index arrays, masks of other shapes)
/// goes through `Selection`. Both forms give exactly what `Selection` gives.
enum FastIndex {
    case mask(TensorBuffer<Bool>)
    case paired(offsets: [Int], shape: Shape)

    init?(_ tensor: Tensor, _ indices: [TensorIndex]) {
        guard tensor.rank > 0, let first = indices.first, case .array(let array) = first else { return nil }
        if array.dtype == .bool {
            guard indices.count == 1, array.shape == tensor.shape else { return nil }
            self = .mask(array.elements(Bool.self))
            return
        }
        guard indices.count == tensor.rank, array.dtype == .int64, array.rank > 0 else { return nil }
        var arrays: [TensorBuffer<Int64>] = []
        for index in indices {
            guard case .array(let other) = index, other.dtype == .int64, other.shape == array.shape else { return nil }
            arrays.append(other.elements(Int64.self))
        }
        let strides = tensor.strides
        var offsets = [Int](repeating: 0, count: array.count)
        offsets.withUnsafeMutableBufferPointer { offsets in
            for (axis, positions) in arrays.enumerated() {
                let size = tensor.shape[axis]
                let stride = strides[axis]
                positions.withUnsafeBufferPointer { positions in
                    for k in 0..<positions.count {
                        var position = Int(positions[k])
                        if position < 0 || position >= size { position = Selection.checked(position, size, axis) }
                        offsets[k] &+= position &* stride
                    }
                }
            }
        }
        self = .paired(offsets: offsets, shape: array.shape)
    }
}

extension Tensor {
    /// `self[indices]` for a `FastIndex`.
    func gather(_ index: FastIndex) -> Tensor {
        switch index {
        case .paired(let offsets, let shape):
            return Tensor(unchecked: shape, storage.rearranged(by: OffsetGather(offsets: offsets)))
        case .mask(let mask):
            return Tensor(unchecked: [mask.lazy.filter { $0 }.count], storage.rearranged(by: MaskedGather(mask: mask)))
        }
    }

    /// `self[indices] = value` for a `FastIndex`, in place when the storage isn't shared.
    mutating func assign(_ value: Tensor, at index: FastIndex) {
        switch dtype {
        case .float64: assign(value, at: index, Double.self)
        case .int64: assign(value, at: index, Int64.self)
        case .bool: assign(value, at: index, Bool.self)
        case .float32: assign(value, at: index, Float.self)
        case .int32: assign(value, at: index, Int32.self)
        case .uint8: assign(value, at: index, UInt8.self)
        }
    }

    private mutating func assign<Element: TensorScalar>(_ value: Tensor, at index: FastIndex, _ type: Element.Type) {
        switch index {
        case .paired(let offsets, let shape):
            scatter(value.broadcastForAssignment(to: shape), at: offsets, Element.self)
        case .mask(let mask):
            if value.count == 1 {
                // One value for every selected element: a select over the whole buffer.
                let fill = value.elements(Element.self)[0]
                withMutableElements(Element.self) { out in
                    mask.withUnsafeBufferPointer { mask in
                        for k in 0..<out.count { out[k] = mask[k] ? fill : out[k] }
                    }
                }
                return
            }
            let values = value.broadcastForAssignment(to: [mask.lazy.filter { $0 }.count]).elements(Element.self)
            withMutableElements(Element.self) { out in
                var next = 0
                for k in 0..<out.count where mask[k] {
                    out[k] = values[next]
                    next += 1
                }
            }
        }
    }
}

/// The elements where a mask of the same shape is true, in row-major order.
private struct MaskedGather: ElementRearrangement {
    let mask: TensorBuffer<Bool>

    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element> {
        values.withUnsafeBufferPointer { x in
            mask.withUnsafeBufferPointer { mask in
                TensorBuffer.make(count: mask.lazy.filter { $0 }.count) { out in
                    var next = 0
                    for k in 0..<mask.count where mask[k] {
                        out[next] = x[k]
                        next += 1
                    }
                }
            }
        }
    }
}
