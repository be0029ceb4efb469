// MARK: - numpy's indexing rules

/// Where numpy's indexing rules put each element of `a[indices]`: the result's
/// shape, and for each result element (row-major) its offset in `a`.
struct Selection {
    private(set) var shape: Shape = []
    private(set) var offsets: [Int] = []

    /// One entry of the expanded index: what it reads along source axis `axis`.
    private enum Entry {
        case integer(axis: Int, position: Int)
        case positions(axis: Int, [Int])
        case newAxis
        case advanced(axis: Int, Tensor)
    }

    init(_ tensor: Tensor, _ indices: [TensorIndex]) {
        let entries = Self.entries(tensor, indices)
        let advanced = entries.indices.filter { if case .advanced = entries[$0] { return true } else { return false } }
        var broadcast: Shape = []
        for i in advanced {
            guard case .advanced(_, let array) = entries[i] else { continue }
            guard let shape = Tensor.broadcastShape(broadcast, array.shape) else {
                shapeFailure(
                    ShapeText.invalid(
                        "subscript",
                        "shape mismatch: indexing arrays could not be broadcast "
                            + "together with shapes "
                            + advanced.compactMap {
                                if case .advanced(_, let a) = entries[$0] { return "\(a.shape)" } else { return nil }
                            }.joined(separator: " ")))
            }
            broadcast = shape
        }
        let adjacent = advanced.isEmpty || advanced.last! - advanced.first! == advanced.count - 1

        // The result's axes: basic entries in order; the broadcast advanced axes
        // where the first advanced entry stands if the advanced entries are
        // adjacent, else first. `dimension[i]` is the result axis of entry i.
        var dims: [Int] = []
        var dimension = [Int?](repeating: nil, count: entries.count)
        var advancedAt: Int?
        if !advanced.isEmpty && !adjacent {
            advancedAt = 0
            dims += broadcast
        }
        for (i, entry) in entries.enumerated() {
            switch entry {
            case .integer: break
            case .positions(_, let list):
                dimension[i] = dims.count
                dims.append(list.count)
            case .newAxis:
                dimension[i] = dims.count
                dims.append(1)
            case .advanced:
                if adjacent && i == advanced.first! {
                    advancedAt = dims.count
                    dims += broadcast
                }
            }
        }
        shape = Shape(dims)

        // The offset of every result element, walking the result like an odometer.
        let strides = tensor.strides
        let broadcastArrays = entries.map { entry -> [Int]? in
            guard case .advanced(_, let array) = entry else { return nil }
            return array.broadcast(to: broadcast, "subscript").elements(Int64.self).map { Int($0) }
        }
        let total = shape.elementCount
        offsets.reserveCapacity(total)
        var index = [Int](repeating: 0, count: dims.count)
        let broadcastStrides = Tensor(unchecked: broadcast, []).strides
        for _ in 0..<total {
            var advancedFlat = 0
            if let at = advancedAt {
                for d in 0..<broadcast.count { advancedFlat += index[at + d] * broadcastStrides[d] }
            }
            var offset = 0
            for (i, entry) in entries.enumerated() {
                switch entry {
                case .integer(let axis, let p): offset += p * strides[axis]
                case .positions(let axis, let list): offset += list[index[dimension[i]!]] * strides[axis]
                case .newAxis: break
                case .advanced(let axis, _): offset += broadcastArrays[i]![advancedFlat] * strides[axis]
                }
            }
            offsets.append(offset)
            var d = dims.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < dims[d] { break }
                index[d] = 0
                d -= 1
            }
        }
    }

    /// The index positions resolved against the tensor's axes: bounds checked,
    /// slices turned into position lists, masks into int arrays, missing
    /// trailing axes filled with `:`, and integers made advanced (0-d arrays)
    /// when any array index is present, as numpy does.
    private static func entries(_ tensor: Tensor, _ indices: [TensorIndex]) -> [Entry] {
        var expanded: [TensorIndex] = []
        for index in indices {
            if case .array(let array) = index, array.dtype == .bool, array.rank > 0 {
                expanded += nonzero(array).map { .array($0) }
            } else {
                expanded.append(index)
            }
        }
        let used = expanded.filter { if case .newAxis = $0 { return false } else { return true } }.count
        guard used <= tensor.rank else {
            shapeFailure(
                ShapeText.invalid(
                    "subscript",
                    "too many indices for array: array is "
                        + "\(tensor.rank)-dimensional, but \(used) were indexed"))
        }
        expanded += Array(repeating: TensorIndex.all, count: tensor.rank - used)
        let hasArrays = expanded.contains { if case .array(let a) = $0 { return a.rank > 0 } else { return false } }

        var entries: [Entry] = []
        var axis = 0
        var maskAxis = 0
        for index in indices {
            if case .array(let mask) = index, mask.dtype == .bool, mask.rank > 0 {
                for d in 0..<mask.rank where maskAxis + d < tensor.rank && mask.shape[d] != tensor.shape[maskAxis + d] {
                    shapeFailure(
                        ShapeText.invalid(
                            "subscript",
                            "boolean index did not match indexed array along axis "
                                + "\(maskAxis + d); size of axis is \(tensor.shape[maskAxis + d]) but size of corresponding "
                                + "boolean axis is \(mask.shape[d])"))
                }
                maskAxis += mask.rank
            } else if case .newAxis = index {
            } else {
                maskAxis += 1
            }
        }
        for index in expanded {
            switch index {
            case .newAxis:
                entries.append(.newAxis)
                continue
            case .index(let i):
                let p = checked(i, tensor.shape[axis], axis)
                entries.append(hasArrays ? .advanced(axis: axis, Tensor(p)) : .integer(axis: axis, position: p))
            case .slice(let start, let stop, let step):
                entries.append(.positions(axis: axis, slicePositions(start, stop, step, tensor.shape[axis])))
            case .positions(let list):
                entries.append(.positions(axis: axis, list.map { checked($0, tensor.shape[axis], axis) }))
            case .array(let array):
                guard array.dtype != .bool else { shapeFailure("subscript: 0-d boolean indices are not supported") }
                guard array.dtype != .float64 else {
                    shapeFailure(
                        ShapeText.invalid("subscript", "arrays used as indices must be of integer (or boolean) type"))
                }
                let positions = array.map(Int64.self) { Int64(checked(Int($0), tensor.shape[axis], axis)) }
                if array.rank == 0 && !hasArrays {
                    entries.append(.integer(axis: axis, position: Int(positions.elements(Int64.self)[0])))
                } else {
                    entries.append(.advanced(axis: axis, positions))
                }
            }
            axis += 1
        }
        return entries
    }

    /// `index` counted from the front of an axis of `size`; traps with numpy's message when out of bounds.
    static func checked(_ index: Int, _ size: Int, _ axis: Int) -> Int {
        guard index >= -size && index < size else {
            shapeFailure(
                ShapeText.invalid("subscript", "index \(index) is out of bounds for axis \(axis) with size \(size)"))
        }
        return index < 0 ? index + size : index
    }

    /// The positions of numpy's slice `start:stop:step` on an axis of `length`
    /// (CPython's `PySlice_AdjustIndices`).
    static func slicePositions(_ start: Int?, _ stop: Int?, _ step: Int, _ length: Int) -> [Int] {
        guard step != 0 else { shapeFailure("subscript: slice step cannot be zero") }
        func adjust(_ value: Int?, _ missing: Int) -> Int {
            guard var v = value else { return missing }
            if v < 0 {
                v += length
                if v < 0 { v = step < 0 ? -1 : 0 }
            } else if v >= length {
                v = step < 0 ? length - 1 : length
            }
            return v
        }
        let first = adjust(start, step < 0 ? length - 1 : 0)
        let end = adjust(stop, step < 0 ? -1 : length)
        return Array(stride(from: first, to: end, by: step))
    }

    /// numpy's `nonzero`: one int64 tensor of positions per axis.
    static func nonzero(_ tensor: Tensor) -> [Tensor] {
        let strides = tensor.strides
        let truths = tensor.elements(Bool.self)
        var result = [[Int64]](repeating: [], count: tensor.rank)
        for (flat, value) in truths.enumerated() where value {
            var rest = flat
            for axis in 0..<tensor.rank {
                result[axis].append(Int64(rest / strides[axis]))
                rest %= strides[axis]
            }
        }
        return result.map { Tensor(unchecked: [$0.count], elements: $0) }
    }
}
