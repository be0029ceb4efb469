// MARK: - Element types

/// The element type of a tensor: one of numpy's `bool`, `uint8`, `int32`, `int64`,
/// `float32` and `float64`.
///
/// numpy: `a.dtype`.
///
/// A tensor stores its elements in their type (`Bool`, `UInt8`, `Int32`, `Int64`,
/// `Float`, `Double`; see `TensorStorage`), so integer tensors are exact over their
/// whole range and their arithmetic wraps around on overflow as numpy's does. The
/// data type also decides how elements print, how arithmetic promotes and what
/// reductions return.
///
/// Promotion follows numpy 2 (NEP 50): two tensors give `np.result_type(a, b)`
/// (see `promoted`), so `uint8` with `int32` is `int32` and `int32` with `float32`
/// is `float64`. A Swift `Int` or `Double` operand, and a number literal, is a
/// Python scalar: it takes the tensor's type when that is of its kind or wider
/// (`uint8 + 1` stays `uint8`, `float32 * 0.5` stays `float32`), and an integer
/// that doesn't fit traps as numpy's `OverflowError` does. Division gives `float64`
/// for integers and keeps `float32`.
public enum DType: Int, Sendable, CustomStringConvertible, CaseIterable {
    /// numpy: `np.bool` (`True`/`False`).
    case bool
    /// numpy: `np.uint8`, bytes 0…255 (image pixels).
    case uint8
    /// numpy: `np.int32`.
    case int32
    /// numpy: `np.int64`, the default integer type on 64-bit Linux and macOS.
    case int64
    /// numpy: `np.float32`, single precision.
    case float32
    /// numpy: `np.float64`, the default type.
    case float64

    /// numpy's name for the type: `bool`, `uint8`, `int32`, `int64`, `float32`,
    /// `float64`; numpy: `str(a.dtype)`.
    public var description: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "uint8"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }

    /// numpy's kind letter order: bool, unsigned, signed, float.
    private var kind: Int {
        switch self {
        case .bool: return 0
        case .uint8: return 1
        case .int32, .int64: return 2
        case .float32, .float64: return 3
        }
    }

    /// Whether the type is `float32` or `float64`.
    var isFloatingPoint: Bool { kind == 3 }

    /// Whether the type is `uint8`, `int32` or `int64`.
    var isInteger: Bool { kind == 1 || kind == 2 }

    /// Whether a value of this type may be stored in `target` under numpy's
    /// `same_kind` casting (an in-place `a += b`); numpy: `np.can_cast(self, target, "same_kind")`.
    func castsSameKind(to target: DType) -> Bool {
        kind <= target.kind
    }

    /// The type of an arithmetic result on two tensors; numpy: `np.result_type(a, b)`.
    static func promoted(_ lhs: DType, _ rhs: DType) -> DType {
        if lhs == rhs { return lhs }
        let (low, high) = lhs.rawValue < rhs.rawValue ? (lhs, rhs) : (rhs, lhs)
        switch (low, high) {
        case (.bool, _), (.uint8, _): return high
        // int32 and int64 need float64 to hold every value: numpy's result for float32.
        case (.int32, .float32), (.int64, .float32): return .float64
        default: return high
        }
    }

    /// The type of an arithmetic result on two tensors: the promoted type, where
    /// a number literal counts as a Python scalar (numpy 2's weak promotion): an
    /// integer literal takes an integer or float type and makes `bool` `int64`; a
    /// float literal takes a float type and makes the others `float64`. Traps, as
    /// numpy's `OverflowError`, for an integer literal outside a uint8 or int32 range.
    static func result(_ lhs: Tensor, _ rhs: Tensor) -> DType {
        // No copy of either tensor: this runs before every arithmetic operation.
        switch (lhs.literalKind, rhs.literalKind) {
        case (nil, nil), (.some, .some): return promoted(lhs.dtype, rhs.dtype)
        case (let kind?, nil): return weakResult(kind, rhs.dtype) { lhs.doubleValue(at: 0) }
        case (nil, let kind?): return weakResult(kind, lhs.dtype) { rhs.doubleValue(at: 0) }
        }
    }

    /// The type of `tensor ⊕ scalar` for a Python scalar of the given kind (`value`
    /// is read only for the range check of an integer).
    static func weakResult(_ literal: LiteralKind, _ other: DType, value: () -> Double) -> DType {
        switch literal {
        case .float:
            return other.isFloatingPoint ? other : .float64
        case .integer:
            if other == .bool { return .int64 }
            if other == .uint8 || other == .int32 { checkRange(value(), other) }
            return other
        }
    }

    /// Traps with numpy's message unless `value` (an integer) fits in `dtype`.
    static func checkRange(_ value: Double, _ dtype: DType) {
        if let failure = rangeFailure(value, dtype) { shapeFailure(failure) }
    }

    /// numpy's `OverflowError` message when the Python int `value` doesn't fit a
    /// uint8 or int32; nil when it fits.
    static func rangeFailure(_ value: Double, _ dtype: DType) -> String? {
        let (low, high): (Double, Double) = dtype == .uint8 ? (0, 255) : (-2_147_483_648, 2_147_483_647)
        guard value >= low && value <= high else { return "Python integer \(Int64(value)) out of bounds for \(dtype)" }
        return nil
    }

    /// numpy's message, after the ufunc's name, when an in-place `name` can't store a
    /// `result` in a `target` tensor (the `same_kind` rule); nil when it can.
    static func castFailure(_ name: String, from result: DType, to target: DType) -> String? {
        guard !result.castsSameKind(to: target) else { return nil }
        return ShapeText.invalid(
            name,
            "Cannot cast ufunc '\(name)' output from dtype('\(result)') to dtype('\(target)') with casting rule 'same_kind'"
        )
    }
}

/// What kind of Python scalar a literal tensor stands for (see `DType.result`).
enum LiteralKind: Sendable {
    case integer
    case float
}

extension DType: ExpressibleByStringLiteral {
    /// numpy's name of a type, as numpy takes it: `dtype: "uint8"`, `astype("float32")`;
    /// also `"float"` (float64), `"int"` (int64) and `"bool_"`. Traps with numpy's
    /// message for another name. numpy: `np.dtype("uint8")`.
    public init(stringLiteral name: String) {
        let aliases: [String: DType] = ["float": .float64, "int": .int64, "bool_": .bool, "double": .float64]
        guard let type = DType.allCases.first(where: { $0.description == name }) ?? aliases[name] else {
            shapeFailure("dtype: data type '\(name)' not understood")
        }
        self = type
    }
}

extension DType {
    /// A numpy scalar of this type: a rank-0 tensor, `np.float32(0.1)` (float32's 0.1,
    /// which prints `0.1`). numpy: `np.float32(0.1)`, `np.uint8(200)`.
    public func callAsFunction(_ value: Double) -> Tensor {
        Tensor(shape: [], scalars: [value], dtype: self)
    }

    /// A numpy scalar of this type from an integer; one that doesn't fit a uint8 or int32
    /// traps as numpy's `OverflowError` does. numpy: `np.int32(7)`.
    @_disfavoredOverload
    public func callAsFunction(_ value: Int) -> Tensor {
        if self == .uint8 || self == .int32 { DType.checkRange(Double(value), self) }
        return Tensor(value).astype(self)
    }

    /// The tensor converted to this type. numpy: `np.float32(a)` (`a.astype(np.float32)`).
    public func callAsFunction(_ tensor: Tensor) -> Tensor {
        tensor.astype(self)
    }
}
