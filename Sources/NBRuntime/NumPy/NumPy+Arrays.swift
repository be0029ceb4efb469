import Foundation

// MARK: - Joining, repeating, sorting and counting

extension np {
    /// Rank-1 tensors as columns, side by side (2-D ones as they are). numpy: `np.column_stack(tup)`.
    public static func column_stack(_ arrays: [Tensor]) -> Tensor {
        ShapeText.reporting(as: "column_stack") {
            Tensor.concatenate(arrays.map { $0.rank < 2 ? $0.reshaped(-1, 1) : $0 }, axis: 1)
        }
    }

    /// Tensors stacked along a third axis (1-D `(n,)` become `(1, n, 1)`, 2-D `(m, n)` become
    /// `(m, n, 1)`). numpy: `np.dstack(tup)`.
    public static func dstack(_ arrays: [Tensor]) -> Tensor {
        let lifted = arrays.map { a in
            switch a.rank {
            case 0: a.reshaped(1, 1, 1)
            case 1: a.reshaped(1, -1, 1)
            case 2: a.reshaped(a.shape[0], a.shape[1], 1)
            default: a
            }
        }
        return ShapeText.reporting(as: "dstack") { Tensor.concatenate(lifted, axis: 2) }
    }

    /// 1-D tensors become columns, joined along the last axis. numpy: `np.c_[a, b]`.
    public struct ColumnJoiner: Sendable {
        /// numpy: `np.c_[xx.ravel(), yy.ravel()]`.
        public subscript(_ arrays: Tensor...) -> Tensor {
            let lifted = arrays.map { $0.rank < 2 ? $0.reshaped(-1, 1) : $0 }
            return ShapeText.reporting(as: "c_") {
                Tensor.concatenate(lifted, axis: Swift.max(0, (lifted.first?.rank ?? 2) - 1))
            }
        }
    }

    /// Tensors joined along the first axis (numbers count as one element). numpy: `np.r_[a, b]`.
    public struct RowJoiner: Sendable {
        /// numpy: `np.r_[a, b]`.
        public subscript(_ arrays: any TensorConvertible...) -> Tensor {
            let lifted = arrays.map { $0.tensorValue.rank == 0 ? $0.tensorValue.reshaped(1) : $0.tensorValue }
            return ShapeText.reporting(as: "r_") { Tensor.concatenate(lifted) }
        }
    }

    /// Columns side by side: `np.c_[a, b]`. numpy: `np.c_`.
    public static let c_ = ColumnJoiner()
    /// Rows one after another: `np.r_[a, b]`. numpy: `np.r_`.
    public static let r_ = RowJoiner()

    /// `a` repeated `reps` times along each axis (the last ones first when `reps` is
    /// shorter than `a`'s rank, with new leading axes when it is longer). numpy: `np.tile(A, reps)`.
    public static func tile(_ a: some TensorConvertible, _ reps: [Int]) -> Tensor {
        var tensor = a.tensorValue
        let rank = Swift.max(tensor.rank, reps.count)
        tensor = tensor.reshaped(Array(repeating: 1, count: rank - tensor.rank) + Array(tensor.shape))
        let counts = Array(repeating: 1, count: rank - reps.count) + reps
        for (axis, count) in counts.enumerated() where count != 1 {
            guard count >= 0 else { shapeFailure(ShapeText.invalid("tile", "negative dimensions are not allowed")) }
            tensor = Tensor.concatenate(Array(repeating: tensor, count: count), axis: axis)
        }
        return tensor
    }

    /// `a` repeated `reps` times along its last axis. numpy: `np.tile(A, 3)`.
    public static func tile(_ a: some TensorConvertible, _ reps: Int) -> Tensor { tile(a, [reps]) }

    /// Each element repeated `repeats` times, along `axis` (flattened first when nil).
    /// numpy: `np.repeat(a, repeats, axis=None)`.
    public static func `repeat`(_ a: some TensorConvertible, _ repeats: Int, axis: Int? = nil) -> Tensor {
        guard repeats >= 0 else { shapeFailure(ShapeText.invalid("repeat", "negative dimensions are not allowed")) }
        var tensor = a.tensorValue
        var along = 0
        if let axis {
            along = axis < 0 ? axis + tensor.rank : axis
            guard (0..<Swift.max(tensor.rank, 1)).contains(along) else {
                shapeFailure(
                    ShapeText.invalid("repeat", "axis \(axis) is out of bounds for array of dimension \(tensor.rank)"))
            }
        } else {
            tensor = tensor.reshaped(-1)
        }
        let positions = (0..<tensor.shape[along]).flatMap { Array(repeating: $0, count: repeats) }
        var indices = Array(repeating: TensorIndex.all, count: tensor.rank)
        indices[along] = .array(Tensor(positions))
        return tensor[positions: indices]
    }

    /// The number of times each value 0, 1, … occurs in a 1-D tensor of non-negative
    /// integers (int64), or the sums of `weights` at each value (float64); at least
    /// `minlength` long. numpy: `np.bincount(x, weights=None, minlength=0)`.
    public static func bincount(_ x: some TensorConvertible, weights: Tensor? = nil, minlength: Int = 0) -> Tensor {
        let values = x.tensorValue
        guard values.rank <= 1 else { shapeFailure(ShapeText.invalid("bincount", "object too deep for desired array")) }
        guard values.dtype != .float64 else {
            shapeFailure(
                ShapeText.invalid(
                    "bincount",
                    "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'"))
        }
        let labels = values.reshaped(-1).elements(Int64.self)
        let count = labels.count
        var length = minlength
        for index in 0..<count {
            guard labels[index] >= 0 else {
                shapeFailure(ShapeText.invalid("bincount", "'list' argument must have no negative elements"))
            }
            length = Swift.max(length, Int(labels[index]) + 1)
        }
        if let weights {
            guard weights.size == count else {
                shapeFailure(ShapeText.invalid("bincount", "The weights and list don't have the same length."))
            }
            let w = weights.reshaped(-1).elements(Double.self)
            var sums = [Double](repeating: 0, count: length)
            for index in 0..<count { sums[Int(labels[index])] += w[index] }
            return Tensor(unchecked: [length], sums)
        }
        var counts = [Double](repeating: 0, count: length)
        for index in 0..<count { counts[Int(labels[index])] += 1 }
        return Tensor(unchecked: [length], counts, dtype: .int64)
    }

    /// The positions that sort `a` along `axis` (the last by default; flattened when nil),
    /// smallest first, NaN last, ties in their original order. numpy: `np.argsort(a, axis=-1, kind="stable")`.
    public static func argsort(_ a: some TensorConvertible, axis: Int? = -1, kind: String? = nil) -> Tensor {
        alongAxis(a.tensorValue, axis) { row in Tensor(sortOrder(row)) }
    }

    /// A sorted copy along `axis` (the last by default; flattened when nil), NaN last.
    /// numpy: `np.sort(a, axis=-1)`.
    public static func sort(_ a: some TensorConvertible, axis: Int? = -1, kind: String? = nil) -> Tensor {
        alongAxis(a.tensorValue, axis) { row in row[positions: [.array(Tensor(sortOrder(row)))]] }
    }

    /// The sorted distinct values of `a`, flattened (NaNs count as one). numpy: `np.unique(ar)`.
    public static func unique(_ a: some TensorConvertible) -> Tensor { uniqueCounts(a.tensorValue).values }

    /// The sorted distinct values and how often each occurs. numpy: `np.unique(ar, return_counts=True)`.
    public static func unique(_ a: some TensorConvertible, return_counts: Bool) -> (Tensor, Tensor) {
        let found = uniqueCounts(a.tensorValue)
        return (found.values, found.counts)
    }

    /// Running products along `axis` (flattened when nil), in order; ints and bools as
    /// int64 with numpy's wrap-around. numpy: `np.cumprod(a, axis=None)`.
    public static func cumprod(_ a: some TensorConvertible, axis: Int? = nil) -> Tensor {
        let tensor = a.tensorValue
        return alongAxis(tensor, axis) { row in
            if row.dtype == .float64 {
                var product = 1.0
                return Tensor(
                    unchecked: row.shape,
                    elements: row.elements(Double.self).mapped { value -> Double in
                        product *= value
                        return product
                    })
            }
            var product: Int64 = 1
            return Tensor(
                unchecked: row.shape,
                elements: row.elements(Int64.self).mapped { value -> Int64 in
                    product = product &* value
                    return product
                })
        }
    }

    /// The `n`-th differences `a[i+1] - a[i]` along `axis` (the last by default); for bools,
    /// whether neighbours differ. numpy: `np.diff(a, n=1, axis=-1)`.
    public static func diff(_ a: some TensorConvertible, n: Int = 1, axis: Int = -1) -> Tensor {
        var tensor = a.tensorValue
        guard tensor.rank > 0 else {
            shapeFailure(ShapeText.invalid("diff", "diff requires input that is at least one dimensional"))
        }
        let along = axis < 0 ? axis + tensor.rank : axis
        for _ in 0..<Swift.max(0, n) {
            var later = Array(repeating: TensorIndex.all, count: tensor.rank)
            var earlier = later
            later[along] = .slice(start: 1, stop: nil, step: 1)
            earlier[along] = .slice(start: nil, stop: -1, step: 1)
            let (b, c) = (tensor[positions: later], tensor[positions: earlier])
            tensor = tensor.dtype == .bool ? (b .!= c) : b - c
        }
        return tensor
    }

    /// Coordinate matrices from coordinate vectors, numpy's default `indexing="xy"`: both
    /// have shape `(len(y), len(x))`. numpy: `xx, yy = np.meshgrid(x, y)`.
    public static func meshgrid(_ x: some TensorConvertible, _ y: some TensorConvertible) -> (Tensor, Tensor) {
        let xs = x.tensorValue.reshaped(-1)
        let ys = y.tensorValue.reshaped(-1)
        return (tile(xs.reshaped(1, -1), [ys.size, 1]), tile(ys.reshaped(-1, 1), [1, xs.size]))
    }

    /// Counts of `a`'s values in `bins` equal bins over their range, and the bin edges.
    /// numpy: `counts, edges = np.histogram(a, bins=10)`.
    public static func histogram(_ a: some TensorConvertible, bins: Int = 10) -> (Tensor, Tensor) {
        guard bins > 0 else { shapeFailure(ShapeText.invalid("histogram", "`bins` must be positive, when an integer")) }
        let histogram = Histogram(a.tensorValue.scalars, bins: bins)
        return (
            Tensor(unchecked: [bins], histogram.counts, dtype: .int64), Tensor(unchecked: [bins + 1], histogram.edges)
        )
    }

    /// The middle value of the flattened tensor (the mean of the two middle ones for an
    /// even count; nan if any is nan), as a rank-0 float64 tensor. numpy: `np.median(a)`.
    public static func median(_ a: some TensorConvertible) -> Tensor {
        let values = a.tensorValue.scalars
        guard !values.isEmpty, !values.contains(where: \.isNaN) else { return Tensor(Double.nan) }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return Tensor(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
    }

    /// The `q`-th percentile of the flattened tensor, by numpy's default linear
    /// interpolation, as a rank-0 float64 tensor. numpy: `np.percentile(a, q)`.
    public static func percentile(_ a: some TensorConvertible, _ q: Double) -> Tensor {
        Tensor(quantile(a.tensorValue.scalars, q / 100))
    }

    /// The percentiles for each of `q`. numpy: `np.percentile(a, [25, 50, 75])`.
    public static func percentile(_ a: some TensorConvertible, _ q: [Double]) -> Tensor {
        let values = a.tensorValue.scalars
        return Tensor(unchecked: [q.count], q.map { quantile(values, $0 / 100) })
    }

    // MARK: - Helpers

    /// numpy's linear quantile: `lerp(sorted[i], sorted[i+1], t)` at `q * (n - 1)`, with
    /// numpy's two-sided lerp, so the bits are numpy's.
    private static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard (0...1).contains(q) else {
            shapeFailure(ShapeText.invalid("percentile", "Percentiles must be in the range [0, 100]"))
        }
        guard !values.isEmpty, !values.contains(where: \.isNaN) else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let below = Swift.min(Int(position.rounded(.down)), sorted.count - 1)
        let above = Swift.min(below + 1, sorted.count - 1)
        let t = position - Double(below)
        let (low, high) = (sorted[below], sorted[above])
        let difference = high - low
        return t >= 0.5 ? high - difference * (1 - t) : low + difference * t
    }

    /// The stable order that sorts a rank-1 tensor, NaN last.
    private static func sortOrder(_ row: Tensor) -> [Int] {
        if row.dtype == .float64 {
            let values = row.elements(Double.self)
            return (0..<values.count).sorted { i, j in
                let (a, b) = (values[i], values[j])
                if a.isNaN || b.isNaN { return !a.isNaN && b.isNaN ? true : (a.isNaN == b.isNaN && i < j) }
                return a < b || (a == b && i < j)
            }
        }
        let values = row.elements(Int64.self)
        return (0..<values.count).sorted { i, j in values[i] < values[j] || (values[i] == values[j] && i < j) }
    }

    private static func uniqueCounts(_ tensor: Tensor) -> (values: Tensor, counts: Tensor) {
        let flat = tensor.reshaped(-1)
        let order = sortOrder(flat)
        let sorted = flat[positions: [.array(Tensor(order))]]
        let keys = sorted.scalars
        var keep: [Int] = []
        var counts: [Double] = []
        for (index, key) in keys.enumerated() {
            if let last = keep.last, keys[last] == key || (keys[last].isNaN && key.isNaN) {
                counts[counts.count - 1] += 1
            } else {
                keep.append(index)
                counts.append(1)
            }
        }
        return (sorted[positions: [.array(Tensor(keep))]], Tensor(unchecked: [counts.count], counts, dtype: .int64))
    }

    /// `body` applied to each rank-1 line of `tensor` along `axis` (the whole tensor
    /// flattened when nil), the results put back in place.
    private static func alongAxis(_ tensor: Tensor, _ axis: Int?, _ body: (Tensor) -> Tensor) -> Tensor {
        guard let axis else { return body(tensor.reshaped(-1)) }
        if tensor.rank == 0 { return body(tensor.reshaped(1)).reshaped([]) }
        let along = axis < 0 ? axis + tensor.rank : axis
        guard (0..<tensor.rank).contains(along) else {
            shapeFailure(
                ShapeText.invalid("axis", "axis \(axis) is out of bounds for array of dimension \(tensor.rank)"))
        }
        // Move the axis last, handle each row, move it back.
        var order = Array(0..<tensor.rank)
        order.remove(at: along)
        order.append(along)
        let moved = tensor.transpose(axes: order)
        let length = tensor.shape[along]
        let rows = length == 0 ? 0 : moved.size / length
        let lines = (0..<rows).map { row in body(moved.reshaped(rows, length)[positions: [.index(row)]]) }
        let joined = rows == 0 ? moved : Tensor.stack(lines, axis: 0).reshaped(Array(moved.shape))
        var inverse = Array(repeating: 0, count: order.count)
        for (position, axis) in order.enumerated() { inverse[axis] = position }
        return joined.transpose(axes: inverse)
    }
}
