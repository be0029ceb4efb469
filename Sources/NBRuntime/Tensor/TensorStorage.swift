// MARK: - Typed storage

/// A tensor's elements in row-major order, each stored as its dtype's Swift type:
/// `Double` for float64, `Float` for float32, `Int64` for int64, `Int32` for int32,
/// `UInt8` for uint8, `Bool` for bool.
///
/// numpy: the data buffer of an ndarray, whose element type is `a.dtype`.
///
/// One enum case per dtype, so that every `switch` over a storage is checked for
/// completeness: a new dtype is a new case, a `TensorScalar` conformance for its
/// Swift type (with `TensorInteger` or `TensorFloat`), and the cases the compiler
/// then asks for. Kernels
/// switch once per operation, on the dtype, and then run a loop specialised for one
/// element type over a contiguous buffer: there is no per-element dtype test and no boxing.
///
/// Copies of a tensor share one `TensorBuffer` until one of them is mutated
/// (copy-on-write), and `Tensor.withMutableElements` mutates in place when the buffer
/// is uniquely referenced.
@usableFromInline
enum TensorStorage: @unchecked Sendable {
    // @unchecked: `ManagedBuffer` can't be `Sendable`; a buffer is written only while one
    // tensor holds it (copy-on-write), and only read once shared, so sharing is safe.
    case float64(TensorBuffer<Double>)
    case int64(TensorBuffer<Int64>)
    case bool(TensorBuffer<Bool>)
    case float32(TensorBuffer<Float>)
    case int32(TensorBuffer<Int32>)
    case uint8(TensorBuffer<UInt8>)

    /// The dtype the elements are stored as.
    var dtype: DType {
        switch self {
        case .float64: return .float64
        case .int64: return .int64
        case .bool: return .bool
        case .float32: return .float32
        case .int32: return .int32
        case .uint8: return .uint8
        }
    }

    /// The storage of a tensor's `object`, which is a `TensorBuffer` of `dtype`'s type.
    @inline(__always)
    init(_ object: AnyObject, _ dtype: DType) {
        switch dtype {
        case .float64: self = .float64(unsafeDowncast(object, to: TensorBuffer<Double>.self))
        case .int64: self = .int64(unsafeDowncast(object, to: TensorBuffer<Int64>.self))
        case .bool: self = .bool(unsafeDowncast(object, to: TensorBuffer<Bool>.self))
        case .float32: self = .float32(unsafeDowncast(object, to: TensorBuffer<Float>.self))
        case .int32: self = .int32(unsafeDowncast(object, to: TensorBuffer<Int32>.self))
        case .uint8: self = .uint8(unsafeDowncast(object, to: TensorBuffer<UInt8>.self))
        }
    }

    /// The buffer, whatever its element type (what a `Tensor` stores).
    @inline(__always)
    var object: AnyObject {
        switch self {
        case .float64(let values): return values
        case .int64(let values): return values
        case .bool(let values): return values
        case .float32(let values): return values
        case .int32(let values): return values
        case .uint8(let values): return values
        }
    }

    /// The number of elements.
    var count: Int {
        switch self {
        case .float64(let values): return values.count
        case .int64(let values): return values.count
        case .bool(let values): return values.count
        case .float32(let values): return values.count
        case .int32(let values): return values.count
        case .uint8(let values): return values.count
        }
    }

    /// `count` copies of zero in `dtype` (0, 0 or false).
    init(zeros count: Int, dtype: DType) {
        switch dtype {
        case .float64: self = .float64(.repeating(0, count: count))
        case .int64: self = .int64(.repeating(0, count: count))
        case .bool: self = .bool(.repeating(false, count: count))
        case .float32: self = .float32(.repeating(0, count: count))
        case .int32: self = .int32(.repeating(0, count: count))
        case .uint8: self = .uint8(.repeating(0, count: count))
        }
    }

    /// Doubles converted to `dtype` as numpy's `astype` converts float64 (see `TensorScalar`).
    init(_ doubles: [Double], as dtype: DType) {
        switch dtype {
        case .float64: self = .float64(.copying(doubles))
        case .int64: self = .int64(.copying(doubles.map(Int64.init(casting:))))
        case .bool: self = .bool(.copying(doubles.map(Bool.init(casting:))))
        case .float32: self = .float32(.copying(doubles.map(Float.init(casting:))))
        case .int32: self = .int32(.copying(doubles.map(Int32.init(casting:))))
        case .uint8: self = .uint8(.copying(doubles.map(UInt8.init(casting:))))
        }
    }

    /// The elements converted to `dtype` as numpy's `astype` does; the same buffer when
    /// they already are of that type.
    func converted(to dtype: DType) -> TensorStorage {
        switch dtype {
        case .float64: return .float64(Double.elements(of: self))
        case .int64: return .int64(Int64.elements(of: self))
        case .bool: return .bool(Bool.elements(of: self))
        case .float32: return .float32(Float.elements(of: self))
        case .int32: return .int32(Int32.elements(of: self))
        case .uint8: return .uint8(UInt8.elements(of: self))
        }
    }

    /// Applies a rearrangement that doesn't depend on the element type (a gather, a
    /// transpose, a concatenation) to the elements, keeping the dtype.
    func rearranged(by rearrangement: some ElementRearrangement) -> TensorStorage {
        switch self {
        case .float64(let values): return .float64(rearrangement.apply(values))
        case .int64(let values): return .int64(rearrangement.apply(values))
        case .bool(let values): return .bool(rearrangement.apply(values))
        case .float32(let values): return .float32(rearrangement.apply(values))
        case .int32(let values): return .int32(rearrangement.apply(values))
        case .uint8(let values): return .uint8(rearrangement.apply(values))
        }
    }
}

/// A rearrangement of elements that works the same for every element type: the one
/// place that switches over the dtype is `TensorStorage.rearranged(by:)`, and `apply`
/// is compiled once per element type.
protocol ElementRearrangement {
    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element>
}

// MARK: - Buffers

/// `count` elements of one type, stored right after the object's header (one allocation).
///
/// Tensors allocate their results here rather than in Swift arrays: on Linux each
/// new `[Double]` looks up the generic metadata of its storage class in a hash
/// table (about 450 instructions per array, a fifth of the XOR benchmark's loop
/// measured with callgrind), while this class's metadata is cached after first use.
/// Elements are trivial types (`TensorScalar`), so nothing needs deinitialising.
@usableFromInline
final class TensorBuffer<Element: TensorScalar>: ManagedBuffer<Int, Element> {
    /// A buffer of `count` elements that `initialize` must set, every one of them.
    @inline(__always)
    static func make(count: Int, _ initialize: (UnsafeMutableBufferPointer<Element>) -> Void) -> TensorBuffer {
        let buffer = unsafeDowncast(create(minimumCapacity: count) { _ in count }, to: TensorBuffer.self)
        buffer.withUnsafeMutablePointerToElements { initialize(UnsafeMutableBufferPointer(start: $0, count: count)) }
        return buffer
    }

    /// `count` copies of `value`.
    static func repeating(_ value: Element, count: Int) -> TensorBuffer {
        make(count: count) { $0.initialize(repeating: value) }
    }

    /// The elements of an array.
    static func copying(_ values: [Element]) -> TensorBuffer {
        make(count: values.count) { out in _ = out.initialize(from: values) }
    }

    /// The number of elements. Read through a pointer: reading `header` itself is a
    /// class property access that Swift checks for exclusivity at run time
    /// (`swift_beginAccess`, 6% of the XOR benchmark's instructions).
    @usableFromInline var count: Int { withUnsafeMutablePointerToHeader { $0.pointee } }

    /// Runs `body` on the elements.
    @inline(__always)
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointerToElements { try body(UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// Runs `body` on the elements for writing; only for a buffer no one else holds.
    @inline(__always)
    func withUnsafeMutableBufferPointer<Result>(
        _ body: (UnsafeMutableBufferPointer<Element>) throws -> Result
    ) rethrows -> Result {
        try withUnsafeMutablePointerToElements { try body(UnsafeMutableBufferPointer(start: $0, count: count)) }
    }

    /// A new buffer with the same elements.
    func copy() -> TensorBuffer {
        withUnsafeBufferPointer { x in TensorBuffer.make(count: x.count) { _ = $0.initialize(from: x) } }
    }

    /// `transform` applied to every element, as a new buffer; a plain loop over
    /// pointers that the compiler vectorises when `transform` allows.
    @inline(__always)
    func mapped<Output>(_ transform: (Element) -> Output) -> TensorBuffer<Output> {
        withUnsafeBufferPointer { x in
            TensorBuffer<Output>.make(count: x.count) { out in
                for i in 0..<x.count { out[i] = transform(x[i]) }
            }
        }
    }
}

extension TensorBuffer: RandomAccessCollection {
    @usableFromInline var startIndex: Int { 0 }
    @usableFromInline var endIndex: Int { count }

    @usableFromInline subscript(position: Int) -> Element {
        withUnsafeMutablePointerToElements { $0[position] }
    }
}
