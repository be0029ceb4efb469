// MARK: - Tensor

/// An n-dimensional array with numpy's shape semantics and one of numpy's
/// data types: `float64` (the default), `float32`, `int64`, `int32`, `uint8` or `bool`.
///
/// numpy: `np.ndarray`.
///
/// A tensor is a value: copies are cheap and share storage until one of them
/// is mutated (copy-on-write), and an in-place operation (`+=`, `t[mask] = 0`)
/// on a tensor whose storage nothing else shares writes into it without a copy.
/// Elements are stored contiguously in row-major (C) order, each in its dtype
/// (`Double`, `Float`, `Int64`, `Int32`, `UInt8`, `Bool`; see `TensorStorage`), so
/// integer values are exact over their whole range and integer arithmetic wraps
/// around as numpy's does.
///
/// Elementwise operations, broadcasting, reductions, indexing and printing
/// work for any rank; matrix products take rank 1 and 2. Every operation is
/// meant to give results bit-identical to numpy's for float64; the exceptions
/// are listed on the operations themselves.
public struct Tensor: @unchecked Sendable {
    // @unchecked: `object` is a `TensorBuffer`, which can't be `Sendable` (see
    // `TensorStorage`): a buffer is written only while one tensor holds it.
    /// The extent of each axis, `()` for a scalar; numpy: `a.shape`.
    public internal(set) var shape: Shape
    /// The elements' buffer, a `TensorBuffer` of `dtype`'s Swift type (see `base`).
    ///
    /// One reference, not a `TensorStorage`: copying a tensor is then one retain, where
    /// the enum of six buffer types took a switch in an outlined copy function, 8% of
    /// the XOR benchmark's instructions in the notebook's unoptimised code (callgrind).
    @usableFromInline var object: AnyObject
    /// The element type; numpy: `a.dtype`.
    public private(set) var dtype: DType
    /// The elements as stored: in row-major order of `shape`, or, for a transposed
    /// view (`isTransposedView`), of the reversed shape.
    @usableFromInline var base: TensorStorage {
        @inline(__always) get { TensorStorage(object, dtype) }
        @inline(__always) set {
            object = newValue.object
            dtype = newValue.dtype
        }
    }
    /// Whether this rank-2 tensor is the transpose of the row-major `base` (what `.T`
    /// returns, without copying). Matrix products read such a view where it is stored
    /// and tell BLAS it is transposed, as numpy does; everything else reads `storage`.
    var isTransposedView = false
    /// Whether this is a number literal standing in a tensor position (`t * 2`,
    /// `t * 0.5`), which promotes like a Python int or float: `2` keeps an int64
    /// or uint8 tensor's type although its own type is float64, and `0.5` keeps a
    /// float32 tensor float32. Any operation's result drops the mark.
    var literalKind: LiteralKind?

    /// The elements in row-major order of `shape`, in their dtype: `base`, or for a
    /// transposed view its elements rearranged. Setting it replaces the elements.
    @usableFromInline var storage: TensorStorage {
        @inline(__always) get {
            guard isTransposedView else { return base }
            return base.rearranged(
                by: StridedRead(shape: shape, strides: [1, shape[0]], offset: 0))
        }
        set {
            base = newValue
            isTransposedView = false
        }
    }

    /// The elements in row-major order as `Double`s, whatever the `dtype` (bools
    /// are 0 and 1; an int64 beyond 2^53 in magnitude rounds to the nearest double);
    /// numpy: `a.ravel().astype(float)`. Setting it converts each value to the
    /// tensor's dtype as `astype` would.
    public internal(set) var scalars: [Double] {
        get { Array(Double.elements(of: storage)) }
        set { storage = TensorStorage(newValue, as: dtype) }
    }

    /// Creates a float64 tensor from a shape and row-major scalars; numpy: `np.array(scalars).reshape(shape)`.
    ///
    /// Traps unless every extent is non-negative and `scalars.count` is the
    /// product of the extents (1 for shape `[]`).
    public init(shape: [Int], scalars: [Double]) {
        self.init(shape: Shape(shape), scalars: scalars)
    }

    /// Creates a tensor of the given type from a shape and row-major scalars,
    /// converting each scalar as `astype` would; numpy: `np.array(scalars, dtype).reshape(shape)`.
    public init(shape: Shape, scalars: [Double], dtype: DType = .float64) {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure(ShapeText.invalid("Tensor", "negative extent in shape \(shape)"))
        }
        let expected = shape.elementCount
        guard expected == scalars.count else {
            shapeFailure(
                ShapeText.invalid(
                    "Tensor",
                    "cannot make shape \(shape) "
                        + "from \(scalars.count) scalars (needs \(expected))"))
        }
        self.init(unchecked: shape, TensorStorage(scalars, as: dtype))
    }

    /// Internal initializer for results whose consistency the caller guarantees.
    @usableFromInline
    init(unchecked shape: Shape, _ storage: TensorStorage) {
        self.shape = shape
        self.object = storage.object
        self.dtype = storage.dtype
    }

    /// Internal initializer from doubles, converted to `dtype` as `astype` would.
    @usableFromInline
    init(unchecked shape: Shape, _ scalars: [Double], dtype: DType = .float64) {
        self.init(unchecked: shape, TensorStorage(scalars, as: dtype))
    }

    /// Internal initializer from a buffer of one dtype's Swift type.
    @usableFromInline
    init<Element: TensorScalar>(unchecked shape: Shape, elements: TensorBuffer<Element>) {
        self.init(unchecked: shape, Element.storage(elements))
    }

    /// Internal initializer from an array of one dtype's Swift type (copied).
    @usableFromInline
    init<Element: TensorScalar>(unchecked shape: Shape, elements: [Element]) {
        self.init(unchecked: shape, Element.storage(.copying(elements)))
    }

    // MARK: - From Swift values

    /// A rank-0 float64 tensor holding `value`; numpy: `np.array(value)`.
    public init(_ value: Double) {
        self.init(unchecked: Shape(), .float64(.repeating(value, count: 1)))
    }

    /// A rank-0 int64 tensor; numpy: `np.array(3)`.
    @_disfavoredOverload
    public init(_ value: Int) {
        self.init(unchecked: Shape(), .int64(.repeating(Int64(value), count: 1)))
    }

    /// A rank-0 bool tensor; numpy: `np.array(True)`.
    public init(_ value: Bool) {
        self.init(unchecked: [], elements: [value])
    }

    /// A rank-1 float64 tensor; numpy: `np.array([0.5, 1.0])`.
    public init(_ values: [Double]) {
        self.init(unchecked: [values.count], values)
    }

    /// A rank-1 int64 tensor, e.g. class labels; numpy: `np.array(labels)`.
    ///
    /// Disfavored, so that `Tensor([1, 2])` with a literal stays float64 as it
    /// always was; `np.array([1, 2])` gives int64 like numpy.
    @_disfavoredOverload
    public init(_ values: [Int]) {
        self.init(unchecked: [values.count], elements: values.map { Int64($0) })
    }

    /// A rank-1 bool tensor; numpy: `np.array([True, False])`.
    public init(_ values: [Bool]) {
        self.init(unchecked: [values.count], elements: values)
    }

    /// A rank-2 float64 tensor from rows; traps if the rows have different lengths.
    /// numpy: `np.array([[1.0, 2.0], [3.0, 4.0]])`.
    public init(_ rows: [[Double]]) {
        self.init(rows: rows) { $0 }
    }

    /// A rank-2 int64 tensor from rows; numpy: `np.array([[1, 2], [3, 4]])`.
    @_disfavoredOverload
    public init(_ rows: [[Int]]) {
        self.init(rows: rows) { Int64($0) }
    }

    /// A rank-2 bool tensor from rows; numpy: `np.array([[True, False]])`.
    public init(_ rows: [[Bool]]) {
        self.init(rows: rows) { $0 }
    }

    private init<Element, Stored: TensorScalar>(rows: [[Element]], _ convert: (Element) -> Stored) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() where row.count != columns {
            shapeFailure(ShapeText.invalid("Tensor", "row \(index) has \(row.count) elements, row 0 has \(columns)"))
        }
        self.init(unchecked: [rows.count, columns], elements: rows.flatMap { $0.map(convert) })
    }

    // MARK: - Sizes

    /// The number of elements (1 for a scalar); numpy: `a.size`.
    public var count: Int { base.count }

    /// The number of elements; numpy: `a.size`.
    public var size: Int { base.count }

    /// The number of axes (0 for a scalar); numpy: `a.ndim`.
    public var rank: Int { shape.count }

    /// The number of axes; numpy: `a.ndim`.
    public var ndim: Int { shape.count }

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
