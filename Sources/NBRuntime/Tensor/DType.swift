// MARK: - Element types

/// The element type of a tensor: one of numpy's `bool`, `int64` and `float64`.
///
/// numpy: `a.dtype`.
///
/// A tensor stores its elements in their type (`Double`, `Int64`, `Bool`; see
/// `TensorStorage`), so an `int64` tensor is exact over the whole int64 range and
/// its arithmetic wraps around on overflow as numpy's does. The data type also
/// decides how elements print, how arithmetic promotes and what reductions return.
///
/// Promotion follows numpy for these three types: the result of combining two
/// tensors is the "larger" type, `bool < int64 < float64`; a Swift `Int`
/// operand counts as `int64` and a `Double` as `float64` (numpy 2's rules for
/// Python scalars give the same results here). Division always gives `float64`.
public enum DType: Int, Sendable, Comparable, CustomStringConvertible, CaseIterable {
    /// numpy: `np.bool` (`True`/`False`).
    case bool
    /// numpy: `np.int64`, the default integer type on 64-bit Linux and macOS.
    case int64
    /// numpy: `np.float64`, the default type.
    case float64

    /// numpy's name for the type: `bool`, `int64`, `float64`; numpy: `str(a.dtype)`.
    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int64: return "int64"
        case .float64: return "float64"
        }
    }

    /// Orders the types by promotion, `bool < int64 < float64`; numpy: `np.can_cast(a, b)`.
    public static func < (lhs: DType, rhs: DType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The type of an arithmetic result on two operands; numpy: `np.result_type(a, b)`.
    static func promoted(_ lhs: DType, _ rhs: DType) -> DType { lhs.rawValue >= rhs.rawValue ? lhs : rhs }

    /// The type of an arithmetic result on two tensors: the promoted type, where
    /// an integer literal counts as a Python int (so `bool` and `int64` become
    /// `int64`, `float64` stays).
    static func result(_ lhs: Tensor, _ rhs: Tensor) -> DType {
        if lhs.isIntegerLiteral != rhs.isIntegerLiteral {
            let other = lhs.isIntegerLiteral ? rhs.dtype : lhs.dtype
            return other == .bool ? .int64 : other
        }
        return promoted(lhs.dtype, rhs.dtype)
    }
}
