// MARK: - Element types

/// The Swift type that stores the elements of one dtype, and numpy's conversions into it.
///
/// numpy: the scalar types `np.float64`, `np.float32`, `np.int64`, `np.int32`,
/// `np.uint8` and `np.bool`.
@usableFromInline
protocol TensorScalar: Sendable, Equatable {
    /// The dtype stored as this type.
    static var dtype: DType { get }
    /// The elements of `storage` as this type: the stored buffer itself when its dtype
    /// is this type's, else each element converted as numpy's `astype` converts it.
    static func elements(of storage: TensorStorage) -> TensorBuffer<Self>
    /// Wraps a buffer of this type as a storage.
    static func storage(_ elements: TensorBuffer<Self>) -> TensorStorage
    /// A float64 converted as `astype` converts it.
    init(casting value: Double)
    /// The element as a `Double` (an int64 beyond 2^53 rounds to the nearest double).
    var doubleValue: Double { get }
}

/// The integer element types (`Int64`, `Int32`, `UInt8`): arithmetic wraps around,
/// as numpy's integer arithmetic does.
@usableFromInline
protocol TensorInteger: TensorScalar, FixedWidthInteger {}

/// The floating-point element types (`Double`, `Float`): IEEE arithmetic.
@usableFromInline
protocol TensorFloat: TensorScalar, BinaryFloatingPoint {}

extension Double: TensorFloat {
    @usableFromInline static var dtype: DType { .float64 }

    // Inlined where a kernel reads its float64 operands, which is every arithmetic
    // operation of a training loop; converting another type stays out of line.
    @inline(__always)
    @usableFromInline static func elements(of storage: TensorStorage) -> TensorBuffer<Double> {
        if case .float64(let values) = storage { return values }
        return converting(storage)
    }

    /// The elements of a storage of another dtype, each converted to `Double`.
    @inline(never)
    static func converting(_ storage: TensorStorage) -> TensorBuffer<Double> {
        switch storage {
        case .float64(let values): return values
        case .int64(let values): return values.mapped { Double($0) }
        case .bool(let values): return values.mapped { $0 ? 1 : 0 }
        case .float32(let values): return values.mapped { Double($0) }
        case .int32(let values): return values.mapped { Double($0) }
        case .uint8(let values): return values.mapped { Double($0) }
        }
    }

    @usableFromInline static func storage(_ elements: TensorBuffer<Double>) -> TensorStorage { .float64(elements) }

    @usableFromInline init(casting value: Double) { self = value }

    @usableFromInline var doubleValue: Double { self }
}

extension Float: TensorFloat {
    @usableFromInline static var dtype: DType { .float32 }

    @usableFromInline static func elements(of storage: TensorStorage) -> TensorBuffer<Float> {
        switch storage {
        case .float64(let values): return values.mapped { Float($0) }
        case .int64(let values): return values.mapped { Float($0) }
        case .bool(let values): return values.mapped { $0 ? 1 : 0 }
        case .float32(let values): return values
        case .int32(let values): return values.mapped { Float($0) }
        case .uint8(let values): return values.mapped { Float($0) }
        }
    }

    @usableFromInline static func storage(_ elements: TensorBuffer<Float>) -> TensorStorage { .float32(elements) }

    /// Rounds to the nearest float32 (overflowing to ±inf), as numpy's cast does.
    @usableFromInline init(casting value: Double) { self = Float(value) }

    @usableFromInline var doubleValue: Double { Double(self) }
}

extension Int64: TensorInteger {
    @usableFromInline static var dtype: DType { .int64 }

    @usableFromInline static func elements(of storage: TensorStorage) -> TensorBuffer<Int64> {
        switch storage {
        case .float64(let values): return values.mapped(Int64.init(casting:))
        case .int64(let values): return values
        case .bool(let values): return values.mapped { $0 ? 1 : 0 }
        case .float32(let values): return values.mapped { Int64(casting: Double($0)) }
        case .int32(let values): return values.mapped { Int64($0) }
        case .uint8(let values): return values.mapped { Int64($0) }
        }
    }

    @usableFromInline static func storage(_ elements: TensorBuffer<Int64>) -> TensorStorage { .int64(elements) }

    /// Truncates toward zero; nan, infinities and values out of range become
    /// `-9223372036854775808`, as numpy's `astype(np.int64)` gives on x86-64.
    @usableFromInline init(casting value: Double) {
        self = value.isFinite && Swift.abs(value) < 0x1p63 ? Int64(value.rounded(.towardZero)) : .min
    }

    @usableFromInline var doubleValue: Double { Double(self) }
}

extension Int32: TensorInteger {
    @usableFromInline static var dtype: DType { .int32 }

    @usableFromInline static func elements(of storage: TensorStorage) -> TensorBuffer<Int32> {
        switch storage {
        case .float64(let values): return values.mapped(Int32.init(casting:))
        case .int64(let values): return values.mapped { Int32(truncatingIfNeeded: $0) }
        case .bool(let values): return values.mapped { $0 ? 1 : 0 }
        case .float32(let values): return values.mapped { Int32(casting: Double($0)) }
        case .int32(let values): return values
        case .uint8(let values): return values.mapped { Int32($0) }
        }
    }

    @usableFromInline static func storage(_ elements: TensorBuffer<Int32>) -> TensorStorage { .int32(elements) }

    /// Truncates toward zero; nan, infinities and values out of range become
    /// `-2147483648`, as numpy's `astype(np.int32)` gives on x86-64.
    @usableFromInline init(casting value: Double) {
        self = value.isFinite && value > -0x1p31 - 1 && value < 0x1p31 ? Int32(value.rounded(.towardZero)) : .min
    }

    @usableFromInline var doubleValue: Double { Double(self) }
}

extension UInt8: TensorInteger {
    @usableFromInline static var dtype: DType { .uint8 }

    @usableFromInline static func elements(of storage: TensorStorage) -> TensorBuffer<UInt8> {
        switch storage {
        case .float64(let values): return values.mapped(UInt8.init(casting:))
        case .int64(let values): return values.mapped { UInt8(truncatingIfNeeded: $0) }
        case .bool(let values): return values.mapped { $0 ? 1 : 0 }
        case .float32(let values): return values.mapped { UInt8(casting: Double($0)) }
        case .int32(let values): return values.mapped { UInt8(truncatingIfNeeded: $0) }
        case .uint8(let values): return values
        }
    }

    @usableFromInline static func storage(_ elements: TensorBuffer<UInt8>) -> TensorStorage { .uint8(elements) }

    /// The low byte of the value truncated to int32 (`300.0` is 44, `-1.0` is 255,
    /// nan and values beyond int32 are 0), as numpy's `astype(np.uint8)` gives on x86-64.
    @usableFromInline init(casting value: Double) { self = UInt8(truncatingIfNeeded: Int32(casting: value)) }

    @usableFromInline var doubleValue: Double { Double(self) }
}

extension Bool: TensorScalar {
    @usableFromInline static var dtype: DType { .bool }

    @usableFromInline static func elements(of storage: TensorStorage) -> TensorBuffer<Bool> {
        switch storage {
        case .float64(let values): return values.mapped { $0 != 0 }
        case .int64(let values): return values.mapped { $0 != 0 }
        case .bool(let values): return values
        case .float32(let values): return values.mapped { $0 != 0 }
        case .int32(let values): return values.mapped { $0 != 0 }
        case .uint8(let values): return values.mapped { $0 != 0 }
        }
    }

    @usableFromInline static func storage(_ elements: TensorBuffer<Bool>) -> TensorStorage { .bool(elements) }

    /// Anything non-zero (nan included) is true.
    @usableFromInline init(casting value: Double) { self = value != 0 }

    @usableFromInline var doubleValue: Double { self ? 1 : 0 }
}
