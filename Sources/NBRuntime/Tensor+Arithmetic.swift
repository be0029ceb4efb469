import Foundation

// MARK: - Elementwise arithmetic

/// numpy's `@`: matrix product (see `matmul`).
infix operator ⋅ : MultiplicationPrecedence

extension Tensor {
    /// Elementwise sum with numpy broadcasting (`np.add`).
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "add", +) }
    /// Elementwise difference with numpy broadcasting (`np.subtract`).
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "subtract", -) }
    /// Elementwise product with numpy broadcasting (`np.multiply`).
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "multiply", *) }
    /// Elementwise IEEE quotient with numpy broadcasting (`np.divide`); x/0 gives ±inf or nan.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "divide", /) }

    // Scalar operands. Disfavored so that a bare literal (`t + 1`) picks the
    // Tensor overload instead of being ambiguous; the result is the same.
    @_disfavoredOverload
    public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 + rhs } }
    @_disfavoredOverload
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 - rhs } }
    @_disfavoredOverload
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 * rhs } }
    @_disfavoredOverload
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapScalars { $0 / rhs } }
    @_disfavoredOverload
    public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs + $0 } }
    @_disfavoredOverload
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs - $0 } }
    @_disfavoredOverload
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs * $0 } }
    @_disfavoredOverload
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapScalars { lhs / $0 } }

    /// Elementwise negation (`np.negative`); flips the sign bit, so `-0.0` appears.
    public static prefix func - (operand: Tensor) -> Tensor { operand.mapScalars { -$0 } }

    // MARK: - Compound assignment

    /// In-place forms. As in numpy, the broadcast result must keep the
    /// left-hand shape: `a += b` traps if `b` would make `a` bigger.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs + rhs, "add", rhs) }
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs - rhs, "subtract", rhs) }
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs * rhs, "multiply", rhs) }
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.assign(lhs / rhs, "divide", rhs) }
    @_disfavoredOverload
    public static func += (lhs: inout Tensor, rhs: Double) { lhs = lhs + rhs }
    @_disfavoredOverload
    public static func -= (lhs: inout Tensor, rhs: Double) { lhs = lhs - rhs }
    @_disfavoredOverload
    public static func *= (lhs: inout Tensor, rhs: Double) { lhs = lhs * rhs }
    @_disfavoredOverload
    public static func /= (lhs: inout Tensor, rhs: Double) { lhs = lhs / rhs }

    private mutating func assign(_ result: Tensor, _ name: String, _ rhs: Tensor) {
        guard result.shape == shape else {
            shapeFailure(ShapeText.invalid(name, "non-broadcastable output operand with shape \(ShapeText.tuple(shape))"
                + " doesn't match the broadcast shape \(ShapeText.tuple(result.shape))"))
        }
        self = result
    }
}
