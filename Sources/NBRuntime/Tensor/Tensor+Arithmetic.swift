import Foundation

// MARK: - Elementwise arithmetic

/// numpy's `@`: matrix product (see `matmul`).
infix operator ⋅ : MultiplicationPrecedence

extension Tensor {
    /// Elementwise sum with numpy broadcasting and promotion; `True + True` is
    /// `True`, as in numpy. numpy: `a + b` (`np.add`).
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        if lhs.dtype == .float64 && rhs.dtype == .float64 { return broadcasting(lhs, rhs, "add", +) }
        return typed(lhs, rhs, "add", +)
    }

    /// Elementwise difference with numpy broadcasting; traps for two bool
    /// tensors, like numpy. numpy: `a - b` (`np.subtract`).
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        if lhs.dtype == .float64 && rhs.dtype == .float64 { return broadcasting(lhs, rhs, "subtract", -) }
        return typed(lhs, rhs, "subtract", -)
    }

    /// Elementwise product with numpy broadcasting and promotion. numpy: `a * b` (`np.multiply`).
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        if lhs.dtype == .float64 && rhs.dtype == .float64 { return broadcasting(lhs, rhs, "multiply", *) }
        return typed(lhs, rhs, "multiply", *)
    }

    /// Elementwise IEEE quotient with numpy broadcasting, always float64 (ints
    /// divide to floats); x/0 gives ±inf or nan. numpy: `a / b` (`np.true_divide`).
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "divide", /) }

    /// Elementwise remainder with the sign of the divisor, like Python's and
    /// numpy's `%` (not Swift's `truncatingRemainder`). numpy: `a % b` (`np.mod`).
    public static func % (lhs: Tensor, rhs: Tensor) -> Tensor {
        let dtype = DType.promoted(DType.result(lhs, rhs), .int64)
        return broadcasting(lhs, rhs, "remainder", dtype: dtype) {
            floorDivision($0, $1, integer: dtype == .int64).remainder
        }
    }

    // MARK: - Scalar operands

    // Disfavored, so that a literal (`t + 1`, `t * 0.5`) picks the Tensor
    // overload instead of being ambiguous (and `1.0 / 3` stays a Double); the
    // result is the same. An `Int` keeps an int64 tensor int64, as a Python int does.

    /// Adds a float to every element. numpy: `a + 0.5`.
    @_disfavoredOverload
    public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 + rhs } }
    /// Subtracts a float from every element. numpy: `a - 0.5`.
    @_disfavoredOverload
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 - rhs } }
    /// Multiplies every element by a float. numpy: `a * 0.5`.
    @_disfavoredOverload
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 * rhs } }
    /// Divides every element by a float. numpy: `a / 0.5`.
    @_disfavoredOverload
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 / rhs } }
    /// A float plus every element. numpy: `0.5 + a`.
    @_disfavoredOverload
    public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs + $0 } }
    /// A float minus every element. numpy: `0.5 - a`.
    @_disfavoredOverload
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs - $0 } }
    /// A float times every element. numpy: `0.5 * a`.
    @_disfavoredOverload
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs * $0 } }
    /// A float divided by every element. numpy: `0.5 / a`.
    @_disfavoredOverload
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs / $0 } }

    /// Adds an integer to every element (int64 stays int64). numpy: `a + 1`.
    @_disfavoredOverload
    public static func + (lhs: Tensor, rhs: Int) -> Tensor { lhs.integerScalar(rhs, "add", +) }
    /// Subtracts an integer from every element. numpy: `a - 1`.
    @_disfavoredOverload
    public static func - (lhs: Tensor, rhs: Int) -> Tensor { lhs.integerScalar(rhs, "subtract", -) }
    /// Multiplies every element by an integer. numpy: `a * 2`.
    @_disfavoredOverload
    public static func * (lhs: Tensor, rhs: Int) -> Tensor { lhs.integerScalar(rhs, "multiply", *) }
    /// Divides every element by an integer, giving float64. numpy: `a / 2`.
    @_disfavoredOverload
    public static func / (lhs: Tensor, rhs: Int) -> Tensor { lhs / Double(rhs) }
    /// Python's remainder by an integer. numpy: `a % 2`.
    @_disfavoredOverload
    public static func % (lhs: Tensor, rhs: Int) -> Tensor { lhs % Tensor(rhs) }
    /// An integer plus every element. numpy: `1 + a`.
    @_disfavoredOverload
    public static func + (lhs: Int, rhs: Tensor) -> Tensor { rhs.integerScalar(lhs, "add") { $1 + $0 } }
    /// An integer minus every element. numpy: `1 - a`.
    @_disfavoredOverload
    public static func - (lhs: Int, rhs: Tensor) -> Tensor { rhs.integerScalar(lhs, "subtract") { $1 - $0 } }
    /// An integer times every element. numpy: `2 * a`.
    @_disfavoredOverload
    public static func * (lhs: Int, rhs: Tensor) -> Tensor { rhs.integerScalar(lhs, "multiply") { $1 * $0 } }
    /// An integer divided by every element, giving float64. numpy: `1 / a`.
    @_disfavoredOverload
    public static func / (lhs: Int, rhs: Tensor) -> Tensor { Double(lhs) / rhs }

    /// Elementwise negation; flips the sign bit, so `-0.0` appears. Traps for
    /// bool, like numpy. numpy: `-a` (`np.negative`).
    public static prefix func - (operand: Tensor) -> Tensor {
        if operand.dtype == .bool { shapeFailure(Self.booleanNegative) }
        return operand.mapScalars(dtype: operand.dtype) { -$0 }
    }

    // MARK: - Compound assignment

    // In-place forms. As in numpy, the result must keep the left-hand shape
    // (`a += b` traps if `b` would make `a` bigger) and type (`a /= 2` traps
    // for an int64 `a`, as numpy's same-kind casting rule does).

    /// In-place sum. numpy: `a += b`.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs + rhs, "add") }
    /// In-place difference. numpy: `a -= b`.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs - rhs, "subtract") }
    /// In-place product. numpy: `a *= b`.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs * rhs, "multiply") }
    /// In-place quotient. numpy: `a /= b`.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs / rhs, "divide") }
    /// In-place sum with a float. numpy: `a += 0.5`.
    @_disfavoredOverload
    public static func += (lhs: inout Tensor, rhs: Double) { lhs.assign(lhs + rhs, "add") }
    /// In-place difference with a float. numpy: `a -= 0.5`.
    @_disfavoredOverload
    public static func -= (lhs: inout Tensor, rhs: Double) { lhs.assign(lhs - rhs, "subtract") }
    /// In-place product with a float. numpy: `a *= 0.5`.
    @_disfavoredOverload
    public static func *= (lhs: inout Tensor, rhs: Double) { lhs.assign(lhs * rhs, "multiply") }
    /// In-place quotient with a float. numpy: `a /= 0.5`.
    @_disfavoredOverload
    public static func /= (lhs: inout Tensor, rhs: Double) { lhs.assign(lhs / rhs, "divide") }
    /// In-place sum with an integer. numpy: `a += 1`.
    @_disfavoredOverload
    public static func += (lhs: inout Tensor, rhs: Int) { lhs.assign(lhs + rhs, "add") }
    /// In-place difference with an integer. numpy: `a -= 1`.
    @_disfavoredOverload
    public static func -= (lhs: inout Tensor, rhs: Int) { lhs.assign(lhs - rhs, "subtract") }
    /// In-place product with an integer. numpy: `a *= 2`.
    @_disfavoredOverload
    public static func *= (lhs: inout Tensor, rhs: Int) { lhs.assign(lhs * rhs, "multiply") }
    /// In-place quotient with an integer. numpy: `a /= 2`.
    @_disfavoredOverload
    public static func /= (lhs: inout Tensor, rhs: Int) { lhs.assign(lhs / rhs, "divide") }

    // MARK: - Helpers

    /// An operator on tensors of which one isn't float64, out of line so that the
    /// float64 path (every training loop's) stays as short as it was before types:
    /// numpy's promotion, `True + True` is `True`, and bool subtraction traps.
    @inline(never)
    private static func typed(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String,
        _ operation: (Double, Double) -> Double
    ) -> Tensor {
        let dtype = DType.result(lhs, rhs)
        if dtype == .bool && name == "add" {
            return broadcasting(lhs, rhs, name, dtype: .bool) { $0 + $1 == 0 ? 0 : 1 }
        }
        if dtype == .bool && name == "subtract" { shapeFailure(Self.booleanSubtract) }
        return broadcasting(lhs, rhs, name, dtype: dtype, operation)
    }

    private mutating func assign(_ result: Tensor, _ name: String) {
        guard result.shape == shape else {
            shapeFailure(
                ShapeText.invalid(
                    name,
                    "non-broadcastable output operand with shape \(shape)"
                        + " doesn't match the broadcast shape \(result.shape)"))
        }
        guard result.dtype <= dtype else {
            shapeFailure(
                ShapeText.invalid(
                    name,
                    "Cannot cast ufunc '\(name)' output from dtype('\(result.dtype)') "
                        + "to dtype('\(dtype)') with casting rule 'same_kind'"))
        }
        self = result
    }

    /// An operation with a Swift `Int`, which acts as numpy's int64 (a bool tensor becomes int64).
    @inline(__always)
    private func integerScalar(_ value: Int, _ name: String, _ operation: (Double, Double) -> Double) -> Tensor {
        let b = Double(value)
        return mapScalars(dtype: DType.promoted(dtype, .int64)) { operation($0, b) }
    }

    static let booleanSubtract =
        "subtract: numpy boolean subtract, the `-` operator, is not supported, "
        + "use the bitwise_xor, the `^` operator, or the logical_xor function instead."
    static let booleanNegative =
        "negative: The numpy boolean negative, the `-` operator, is not supported, "
        + "use the `~` operator or the logical_not function instead."
}

/// numpy's `divmod` for one pair: floor quotient and a remainder with the
/// divisor's sign (`npy_divmod` for floats; Python's rules for integers, where
/// division by zero gives 0 as numpy does).
func floorDivision(_ a: Double, _ b: Double, integer: Bool) -> (quotient: Double, remainder: Double) {
    if integer {
        guard b != 0 else { return (0, 0) }
        let x = Int64(a)
        let y = Int64(b)
        var q = x / y
        var r = x % y
        if r != 0 && ((r < 0) != (y < 0)) {
            q -= 1
            r += y
        }
        return (Double(q), Double(r))
    }
    var mod = Foundation.fmod(a, b)
    guard b != 0 else { return (a / b, mod) }
    var div = (a - mod) / b
    if mod != 0 {
        if (b < 0) != (mod < 0) {
            mod += b
            div -= 1
        }
    } else {
        mod = Double(signOf: b, magnitudeOf: 0)
    }
    var floorDiv: Double
    if div != 0 {
        floorDiv = div.rounded(.down)
        if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
        floorDiv = Double(signOf: a / b, magnitudeOf: 0)
    }
    return (floorDiv, mod)
}
