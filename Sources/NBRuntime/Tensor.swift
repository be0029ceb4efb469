// MARK: - Tensor

/// An n-dimensional array of `Double`s with numpy's shape semantics.
///
/// A tensor is a value: copies are cheap and share storage until one of them
/// is mutated (copy-on-write, inherited from `Array`). Elements are stored
/// contiguously in row-major (C) order, so `scalars` is exactly what numpy's
/// `a.ravel()` would give for a C-contiguous array.
///
/// Rank 0 (a scalar, shape `[]`), rank 1 (shape `[n]`) and rank 2 (shape
/// `[rows, columns]`) behave as numpy's arrays of those shapes; elementwise
/// operations, broadcasting, reductions and printing also work for higher
/// ranks. Every operation is meant to give results bit-identical to numpy's
/// for float64; the exceptions are listed on the operations themselves.
public struct Tensor: Sendable {
    /// The extent of each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order (read-only; build a new tensor to change them).
    public internal(set) var scalars: [Double]

    /// Creates a tensor from a shape and row-major scalars.
    ///
    /// Traps unless every extent is non-negative and `scalars.count` is the
    /// product of the extents (1 for shape `[]`).
    public init(shape: [Int], scalars: [Double], file: StaticString = #fileID, line: UInt = #line) {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure(ShapeText.invalid("Tensor", "negative extent in shape \(ShapeText.tuple(shape))"),
                         file: file, line: line)
        }
        let expected = shape.reduce(1, *)
        guard expected == scalars.count else {
            shapeFailure(ShapeText.invalid("Tensor", "cannot make shape \(ShapeText.tuple(shape)) "
                + "from \(scalars.count) scalars (needs \(expected))"), file: file, line: line)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Internal initializer for results whose consistency the caller guarantees.
    @usableFromInline
    init(unchecked shape: [Int], _ scalars: [Double]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// A rank-0 tensor holding `value` (numpy's `np.array(value)`).
    public init(_ value: Double) {
        self.init(unchecked: [], [value])
    }

    /// A rank-1 tensor (numpy's `np.array([...])`).
    public init(_ values: [Double]) {
        self.init(unchecked: [values.count], values)
    }

    /// A rank-2 tensor from rows; traps if the rows have different lengths.
    public init(_ rows: [[Double]], file: StaticString = #fileID, line: UInt = #line) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() where row.count != columns {
            shapeFailure(ShapeText.invalid("Tensor", "row \(index) has \(row.count) elements, row 0 has \(columns)"),
                         file: file, line: line)
        }
        self.init(unchecked: [rows.count, columns], rows.flatMap { $0 })
    }

    /// The number of elements (1 for a scalar).
    public var count: Int { scalars.count }

    /// The number of axes (0 for a scalar).
    public var rank: Int { shape.count }

    /// Row-major strides in elements.
    var strides: [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            result[axis] = stride
            stride *= shape[axis]
        }
        return result
    }
}
