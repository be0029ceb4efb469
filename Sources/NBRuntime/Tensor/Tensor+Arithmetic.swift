import Foundation

// MARK: - Elementwise arithmetic

/// numpy's `@`: matrix product (see `matmul`).
infix operator ⋅ : MultiplicationPrecedence

extension Tensor {
    /// Elementwise sum with numpy broadcasting and promotion; int64 wraps around
    /// on overflow and `True + True` is `True`, as in numpy. numpy: `a + b` (`np.add`).
    public static func + (lhs: consuming Tensor, rhs: consuming Tensor) -> Tensor {
        arithmetic(consume lhs, consume rhs, Add.self)
    }

    /// Elementwise difference with numpy broadcasting; traps for two bool
    /// tensors, like numpy. numpy: `a - b` (`np.subtract`).
    public static func - (lhs: consuming Tensor, rhs: consuming Tensor) -> Tensor {
        arithmetic(consume lhs, consume rhs, Subtract.self)
    }

    /// Elementwise product with numpy broadcasting and promotion. numpy: `a * b` (`np.multiply`).
    public static func * (lhs: consuming Tensor, rhs: consuming Tensor) -> Tensor {
        arithmetic(consume lhs, consume rhs, Multiply.self)
    }

    /// Elementwise IEEE quotient with numpy broadcasting: float64, or float32 when
    /// both operands are float32 (or one is and the other a literal); ints divide
    /// to floats, x/0 gives ±inf or nan. numpy: `a / b` (`np.true_divide`).
    public static func / (lhs: consuming Tensor, rhs: consuming Tensor) -> Tensor {
        if DType.result(lhs, rhs) == .float32 { return elementwise(consume lhs, consume rhs, "divide", Float.self, /) }
        return elementwise(consume lhs, consume rhs, "divide", Double.self, /)
    }

    /// Elementwise remainder with the sign of the divisor, like Python's and
    /// numpy's `%` (not Swift's `truncatingRemainder`). numpy: `a % b` (`np.mod`).
    public static func % (lhs: consuming Tensor, rhs: consuming Tensor) -> Tensor {
        switch DType.result(lhs, rhs) {
        case .bool, .int64:
            return elementwise(consume lhs, consume rhs, "remainder", Int64.self) { floorDivision($0, $1).remainder }
        case .int32:
            return elementwise(consume lhs, consume rhs, "remainder", Int32.self) { floorDivision($0, $1).remainder }
        case .uint8: return elementwise(consume lhs, consume rhs, "remainder", UInt8.self) { $1 == 0 ? 0 : $0 % $1 }
        case .float32:
            return elementwise(consume lhs, consume rhs, "remainder", Float.self) {
                Float(floorDivision(Double($0), Double($1)).remainder)
            }
        case .float64:
            return elementwise(consume lhs, consume rhs, "remainder", Double.self) { floorDivision($0, $1).remainder }
        }
    }

    // MARK: - Scalar operands

    // Disfavored, so that a literal (`t + 1`, `t * 0.5`) picks the Tensor
    // overload instead of being ambiguous (and `1.0 / 3` stays a Double); the
    // result is the same. An `Int` keeps an int64 tensor int64, as a Python int does.

    /// Adds a float to every element. numpy: `a + 0.5`.
    @_disfavoredOverload
    public static func + (lhs: consuming Tensor, rhs: Double) -> Tensor { floatScalar(consume lhs, rhs) { $0 + $1 } }
    /// Subtracts a float from every element. numpy: `a - 0.5`.
    @_disfavoredOverload
    public static func - (lhs: consuming Tensor, rhs: Double) -> Tensor { floatScalar(consume lhs, rhs) { $0 - $1 } }
    /// Multiplies every element by a float. numpy: `a * 0.5`.
    @_disfavoredOverload
    public static func * (lhs: consuming Tensor, rhs: Double) -> Tensor { floatScalar(consume lhs, rhs) { $0 * $1 } }
    /// Divides every element by a float. numpy: `a / 0.5`.
    @_disfavoredOverload
    public static func / (lhs: consuming Tensor, rhs: Double) -> Tensor { floatScalar(consume lhs, rhs) { $0 / $1 } }
    /// A float plus every element. numpy: `0.5 + a`.
    @_disfavoredOverload
    public static func + (lhs: Double, rhs: consuming Tensor) -> Tensor { floatScalar(consume rhs, lhs) { $1 + $0 } }
    /// A float minus every element. numpy: `0.5 - a`.
    @_disfavoredOverload
    public static func - (lhs: Double, rhs: consuming Tensor) -> Tensor { floatScalar(consume rhs, lhs) { $1 - $0 } }
    /// A float times every element. numpy: `0.5 * a`.
    @_disfavoredOverload
    public static func * (lhs: Double, rhs: consuming Tensor) -> Tensor { floatScalar(consume rhs, lhs) { $1 * $0 } }
    /// A float divided by every element. numpy: `0.5 / a`.
    @_disfavoredOverload
    public static func / (lhs: Double, rhs: consuming Tensor) -> Tensor { floatScalar(consume rhs, lhs) { $1 / $0 } }

    /// Adds an integer to every element (int64 stays int64). numpy: `a + 1`.
    @_disfavoredOverload
    public static func + (lhs: consuming Tensor, rhs: Int) -> Tensor {
        integerScalar(consume lhs, rhs, Add.self, integerOnLeft: false)
    }
    /// Subtracts an integer from every element. numpy: `a - 1`.
    @_disfavoredOverload
    public static func - (lhs: consuming Tensor, rhs: Int) -> Tensor {
        integerScalar(consume lhs, rhs, Subtract.self, integerOnLeft: false)
    }
    /// Multiplies every element by an integer. numpy: `a * 2`.
    @_disfavoredOverload
    public static func * (lhs: consuming Tensor, rhs: Int) -> Tensor {
        integerScalar(consume lhs, rhs, Multiply.self, integerOnLeft: false)
    }
    /// Divides every element by an integer, giving float64. numpy: `a / 2`.
    @_disfavoredOverload
    public static func / (lhs: consuming Tensor, rhs: Int) -> Tensor { lhs / Double(rhs) }
    /// Python's remainder by an integer. numpy: `a % 2`.
    @_disfavoredOverload
    public static func % (lhs: consuming Tensor, rhs: Int) -> Tensor { lhs % pythonInt(rhs) }
    /// An integer plus every element. numpy: `1 + a`.
    @_disfavoredOverload
    public static func + (lhs: Int, rhs: consuming Tensor) -> Tensor {
        integerScalar(consume rhs, lhs, Add.self, integerOnLeft: true)
    }
    /// An integer minus every element. numpy: `1 - a`.
    @_disfavoredOverload
    public static func - (lhs: Int, rhs: consuming Tensor) -> Tensor {
        integerScalar(consume rhs, lhs, Subtract.self, integerOnLeft: true)
    }
    /// An integer times every element. numpy: `2 * a`.
    @_disfavoredOverload
    public static func * (lhs: Int, rhs: consuming Tensor) -> Tensor {
        integerScalar(consume rhs, lhs, Multiply.self, integerOnLeft: true)
    }
    /// An integer divided by every element, giving float64. numpy: `1 / a`.
    @_disfavoredOverload
    public static func / (lhs: Int, rhs: consuming Tensor) -> Tensor { Double(lhs) / rhs }

    /// Elementwise negation; flips the sign bit, so `-0.0` appears, and the most
    /// negative int64 stays itself (wrap-around). Traps for bool, like numpy.
    /// numpy: `-a` (`np.negative`).
    public static prefix func - (operand: consuming Tensor) -> Tensor {
        switch operand.storage {
        case .float64: return (consume operand).map(Double.self) { -$0 }
        case .int64: return (consume operand).map(Int64.self) { 0 &- $0 }
        case .bool: shapeFailure(Self.booleanNegative)
        case .float32: return (consume operand).map(Float.self) { -$0 }
        case .int32: return (consume operand).map(Int32.self) { 0 &- $0 }
        case .uint8: return (consume operand).map(UInt8.self) { 0 &- $0 }
        }
    }

    // MARK: - Compound assignment

    // In-place forms, which write into the tensor's storage when nothing else shares
    // it. As in numpy, the result must keep the left-hand shape (`a += b` traps if `b`
    // would make `a` bigger) and type (`a /= 2` traps for an int64 `a`, as numpy's
    // same-kind casting rule does).

    /// In-place sum. numpy: `a += b`.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.formArithmetic(rhs, Add.self) }
    /// In-place difference. numpy: `a -= b`.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.formArithmetic(rhs, Subtract.self) }
    /// In-place product. numpy: `a *= b`.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.formArithmetic(rhs, Multiply.self) }
    /// In-place quotient. numpy: `a /= b`.
    public static func /= (lhs: inout Tensor, rhs: Tensor) {
        let result: DType = DType.result(lhs, rhs) == .float32 ? .float32 : .float64
        lhs.checkCast(result, "divide")
        if lhs.dtype == .float32 {
            lhs.combineInPlace(rhs, "divide", Float.self, /)
        } else {
            lhs.combineInPlace(rhs, "divide", Double.self, /)
        }
    }
    /// In-place sum with a float. numpy: `a += 0.5`.
    @_disfavoredOverload
    public static func += (lhs: inout Tensor, rhs: Double) {
        if lhs.dtype == .float64 { lhs.formFloat(rhs, +) } else { lhs += Tensor(floatLiteral: rhs) }
    }
    /// In-place difference with a float. numpy: `a -= 0.5`.
    @_disfavoredOverload
    public static func -= (lhs: inout Tensor, rhs: Double) {
        if lhs.dtype == .float64 { lhs.formFloat(rhs, -) } else { lhs -= Tensor(floatLiteral: rhs) }
    }
    /// In-place product with a float. numpy: `a *= 0.5`.
    @_disfavoredOverload
    public static func *= (lhs: inout Tensor, rhs: Double) {
        if lhs.dtype == .float64 { lhs.formFloat(rhs, *) } else { lhs *= Tensor(floatLiteral: rhs) }
    }
    /// In-place quotient with a float. numpy: `a /= 0.5`.
    @_disfavoredOverload
    public static func /= (lhs: inout Tensor, rhs: Double) {
        if lhs.dtype == .float64 { lhs.formFloat(rhs, /) } else { lhs /= Tensor(floatLiteral: rhs) }
    }
    /// In-place sum with an integer. numpy: `a += 1`.
    @_disfavoredOverload
    public static func += (lhs: inout Tensor, rhs: Int) { lhs.formArithmetic(pythonInt(rhs), Add.self) }
    /// In-place difference with an integer. numpy: `a -= 1`.
    @_disfavoredOverload
    public static func -= (lhs: inout Tensor, rhs: Int) { lhs.formArithmetic(pythonInt(rhs), Subtract.self) }
    /// In-place product with an integer. numpy: `a *= 2`.
    @_disfavoredOverload
    public static func *= (lhs: inout Tensor, rhs: Int) { lhs.formArithmetic(pythonInt(rhs), Multiply.self) }
    /// In-place quotient with an integer. numpy: `a /= 2`.
    @_disfavoredOverload
    public static func /= (lhs: inout Tensor, rhs: Int) {
        if lhs.dtype == .float64 { lhs.formFloat(Double(rhs), /) } else { lhs /= pythonInt(rhs) }
    }

    // MARK: - Helpers

    /// An arithmetic operator on two tensors: numpy's promotion, then one loop
    /// for the promoted type.
    @inline(__always)
    private static func arithmetic<Operation: ArithmeticOperation>(
        _ lhs: consuming Tensor, _ rhs: consuming Tensor, _ operation: Operation.Type
    ) -> Tensor {
        switch DType.result(lhs, rhs) {
        case .float64: return elementwise(consume lhs, consume rhs, Operation.name, Double.self, Operation.apply)
        case .int64: return elementwise(consume lhs, consume rhs, Operation.name, Int64.self, Operation.apply)
        case .bool:
            if let failure = Operation.booleanFailure { shapeFailure(failure) }
            return elementwise(consume lhs, consume rhs, Operation.name, Bool.self, Operation.apply)
        case .float32: return elementwise(consume lhs, consume rhs, Operation.name, Float.self, Operation.apply)
        case .int32: return elementwise(consume lhs, consume rhs, Operation.name, Int32.self, Operation.apply)
        case .uint8: return elementwise(consume lhs, consume rhs, Operation.name, UInt8.self, Operation.apply)
        }
    }

    /// An operation with a Swift `Int`, which acts as a Python int (a bool tensor
    /// becomes int64, the other types stay; see `DType.weakResult`).
    @inline(__always)
    private static func integerScalar<Operation: ArithmeticOperation>(
        _ tensor: consuming Tensor, _ value: Int, _ operation: Operation.Type, integerOnLeft: Bool
    ) -> Tensor {
        if tensor.dtype != .float64 && tensor.dtype != .int64 && tensor.dtype != .bool {
            let literal = pythonInt(value)
            return integerOnLeft ? arithmetic(literal, tensor, operation) : arithmetic(tensor, literal, operation)
        }
        if tensor.dtype == .float64 {
            let b = Double(value)
            return integerOnLeft
                ? (consume tensor).map(Double.self) { Operation.apply(b, $0) }
                : (consume tensor).map(Double.self) { Operation.apply($0, b) }
        }
        let b = Int64(value)
        return integerOnLeft
            ? (consume tensor).map(Int64.self) { Operation.apply(b, $0) }
            : (consume tensor).map(Int64.self) { Operation.apply($0, b) }
    }

    /// An operation with a Swift `Double`, which acts as a Python float: float32
    /// tensors stay float32, all others give float64.
    @inline(__always)
    private static func floatScalar(
        _ tensor: consuming Tensor, _ value: Double, _ operation: (Double, Double) -> Double
    ) -> Tensor {
        if tensor.dtype == .float32 {
            let b = Float(value)
            return (consume tensor).map(Float.self) { Float(operation(Double($0), Double(b))) }
        }
        return (consume tensor).map(Double.self) { operation($0, value) }
    }

    /// `self = operation(self, value)` in place for a float operand and a float64 tensor.
    @inline(__always)
    private mutating func formFloat(_ value: Double, _ operation: (Double, Double) -> Double) {
        withMutableElements(Double.self) { a in
            for i in 0..<a.count { a[i] = operation(a[i], value) }
        }
    }

    /// `self = self ⊕ rhs` in place, after numpy's promotion and same-kind cast check.
    /// The operation runs in the promoted type, and the result is cast to this
    /// tensor's type (numpy's `a += b` for an int32 `a` and an int64 `b`).
    @inline(__always)
    private mutating func formArithmetic<Operation: ArithmeticOperation>(_ rhs: Tensor, _ operation: Operation.Type) {
        let result = DType.result(self, rhs)
        checkCast(result, Operation.name)
        if result != dtype {
            // A wider result (int32 += int64, float32 += float64): compute, then cast back.
            let own = dtype
            self = Tensor.arithmetic(self, rhs, operation).broadcast(to: shape, Operation.name).astype(own)
            return
        }
        switch dtype {
        case .float64: combineInPlace(rhs, Operation.name, Double.self, Operation.apply)
        case .int64: combineInPlace(rhs, Operation.name, Int64.self, Operation.apply)
        case .bool:
            if let failure = Operation.booleanFailure { shapeFailure(failure) }
            combineInPlace(rhs, Operation.name, Bool.self, Operation.apply)
        case .float32: combineInPlace(rhs, Operation.name, Float.self, Operation.apply)
        case .int32: combineInPlace(rhs, Operation.name, Int32.self, Operation.apply)
        case .uint8: combineInPlace(rhs, Operation.name, UInt8.self, Operation.apply)
        }
    }

    /// Traps, with numpy's message, unless a result of type `result` may be stored
    /// in this tensor under numpy's same-kind casting rule.
    func checkCast(_ result: DType, _ name: String) {
        if let failure = DType.castFailure(name, from: result, to: dtype) { shapeFailure(failure) }
    }

    static let booleanSubtract =
        "subtract: numpy boolean subtract, the `-` operator, is not supported, "
        + "use the bitwise_xor, the `^` operator, or the logical_xor function instead."
    static let booleanNegative =
        "negative: The numpy boolean negative, the `-` operator, is not supported, "
        + "use the `~` operator or the logical_not function instead."
}

// MARK: - The arithmetic operations, per element type

/// `+`, `-` or `*` on each element type: IEEE for float64, wrapping around for int64
/// (numpy's int64 overflows silently), and numpy's logic for bool.
protocol ArithmeticOperation {
    /// numpy's ufunc name, for messages.
    static var name: String { get }
    /// numpy's message when the operation is not defined on two bools.
    static var booleanFailure: String? { get }
    static func apply(_ a: Double, _ b: Double) -> Double
    static func apply(_ a: Int64, _ b: Int64) -> Int64
    static func apply(_ a: Bool, _ b: Bool) -> Bool
    static func apply(_ a: Float, _ b: Float) -> Float
    static func apply<Integer: TensorInteger>(_ a: Integer, _ b: Integer) -> Integer
}

/// numpy: `np.add`; on bools, logical or.
enum Add: ArithmeticOperation {
    static var name: String { "add" }
    static var booleanFailure: String? { nil }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) static func apply(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b }
    @inline(__always) static func apply<Integer: TensorInteger>(_ a: Integer, _ b: Integer) -> Integer { a &+ b }
    @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

/// numpy: `np.subtract`; not defined on bools.
enum Subtract: ArithmeticOperation {
    static var name: String { "subtract" }
    static var booleanFailure: String? { Tensor.booleanSubtract }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a - b }
    @inline(__always) static func apply(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b }
    @inline(__always) static func apply<Integer: TensorInteger>(_ a: Integer, _ b: Integer) -> Integer { a &- b }
    static func apply(_ a: Bool, _ b: Bool) -> Bool { shapeFailure(Tensor.booleanSubtract) }
}

/// numpy: `np.multiply`; on bools, logical and.
enum Multiply: ArithmeticOperation {
    static var name: String { "multiply" }
    static var booleanFailure: String? { nil }
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double { a * b }
    @inline(__always) static func apply(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
    @inline(__always) static func apply<Integer: TensorInteger>(_ a: Integer, _ b: Integer) -> Integer { a &* b }
    @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

/// numpy's `divmod` for one pair of int64s: Python's floor quotient and a remainder
/// with the divisor's sign; division by zero gives 0 and 0, as numpy's does, and
/// `Int64.min // -1` wraps around to `Int64.min`.
@inline(__always)
func floorDivision<Integer: TensorInteger & SignedInteger>(
    _ x: Integer, _ y: Integer
) -> (quotient: Integer, remainder: Integer) {
    guard y != 0 else { return (0, 0) }
    if y == -1 { return (0 &- x, 0) }
    var q = x / y
    var r = x % y
    if r != 0 && ((r < 0) != (y < 0)) {
        q -= 1
        r += y
    }
    return (q, r)
}

/// numpy's `divmod` for one pair of doubles (`npy_divmod`): the floor quotient and
/// a remainder with the divisor's sign.
func floorDivision(_ a: Double, _ b: Double) -> (quotient: Double, remainder: Double) {
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
