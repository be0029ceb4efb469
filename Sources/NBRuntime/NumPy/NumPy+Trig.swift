import Foundation

// MARK: - Trigonometric and hyperbolic functions

extension np {
    /// Elementwise `f` in float64 (ints and bools converted first), as numpy's float ufuncs.
    private static func float(_ x: some TensorConvertible, _ f: (Double) -> Double) -> Tensor {
        x.tensorValue.floatFunction("math", f)
    }

    /// Elementwise sine (libm), in radians. numpy: `np.sin(x)`.
    public static func sin(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.sin) }
    /// The sine of one number. numpy: `np.sin(0.5)`.
    public static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    /// Elementwise cosine (libm). numpy: `np.cos(x)`.
    public static func cos(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.cos) }
    /// The cosine of one number. numpy: `np.cos(0.5)`.
    public static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    /// Elementwise tangent (libm). numpy: `np.tan(x)`.
    public static func tan(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.tan) }
    /// The tangent of one number. numpy: `np.tan(0.5)`.
    public static func tan(_ x: Double) -> Double { Foundation.tan(x) }
    /// Elementwise inverse sine, nan outside [-1, 1]. numpy: `np.arcsin(x)`.
    public static func arcsin(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.asin) }
    /// The inverse sine of one number. numpy: `np.arcsin(0.5)`.
    public static func arcsin(_ x: Double) -> Double { Foundation.asin(x) }
    /// Elementwise inverse cosine. numpy: `np.arccos(x)`.
    public static func arccos(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.acos) }
    /// The inverse cosine of one number. numpy: `np.arccos(0.5)`.
    public static func arccos(_ x: Double) -> Double { Foundation.acos(x) }
    /// Elementwise inverse tangent. numpy: `np.arctan(x)`.
    public static func arctan(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.atan) }
    /// The inverse tangent of one number. numpy: `np.arctan(0.5)`.
    public static func arctan(_ x: Double) -> Double { Foundation.atan(x) }
    /// Elementwise hyperbolic sine. numpy: `np.sinh(x)`.
    public static func sinh(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.sinh) }
    /// The hyperbolic sine of one number. numpy: `np.sinh(0.5)`.
    public static func sinh(_ x: Double) -> Double { Foundation.sinh(x) }
    /// Elementwise hyperbolic cosine. numpy: `np.cosh(x)`.
    public static func cosh(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.cosh) }
    /// The hyperbolic cosine of one number. numpy: `np.cosh(0.5)`.
    public static func cosh(_ x: Double) -> Double { Foundation.cosh(x) }
    /// Elementwise inverse hyperbolic sine. numpy: `np.arcsinh(x)`.
    public static func arcsinh(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.asinh) }
    /// The inverse hyperbolic sine of one number. numpy: `np.arcsinh(0.5)`.
    public static func arcsinh(_ x: Double) -> Double { Foundation.asinh(x) }
    /// Elementwise inverse hyperbolic cosine, nan below 1. numpy: `np.arccosh(x)`.
    public static func arccosh(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.acosh) }
    /// The inverse hyperbolic cosine of one number. numpy: `np.arccosh(2.0)`.
    public static func arccosh(_ x: Double) -> Double { Foundation.acosh(x) }
    /// Elementwise inverse hyperbolic tangent. numpy: `np.arctanh(x)`.
    public static func arctanh(_ x: some TensorConvertible) -> Tensor { float(x, Foundation.atanh) }
    /// The inverse hyperbolic tangent of one number. numpy: `np.arctanh(0.5)`.
    public static func arctanh(_ x: Double) -> Double { Foundation.atanh(x) }

    /// Degrees to radians, `x * (π / 180)` as numpy computes it. numpy: `np.deg2rad(x)`.
    public static func deg2rad(_ x: some TensorConvertible) -> Tensor { float(x) { $0 * (Double.pi / 180) } }
    /// One angle in radians. numpy: `np.deg2rad(90.0)`.
    public static func deg2rad(_ x: Double) -> Double { x * (Double.pi / 180) }
    /// Radians to degrees, `x * (180 / π)`. numpy: `np.rad2deg(x)`.
    public static func rad2deg(_ x: some TensorConvertible) -> Tensor { float(x) { $0 * (180 / Double.pi) } }
    /// One angle in degrees. numpy: `np.rad2deg(1.0)`.
    public static func rad2deg(_ x: Double) -> Double { x * (180 / Double.pi) }

    /// The angle of the point (x, y) from the x axis, elementwise with broadcasting, in
    /// (-π, π]. numpy: `np.arctan2(y, x)`.
    public static func arctan2(_ y: some TensorConvertible, _ x: some TensorConvertible) -> Tensor {
        Tensor.elementwise(y.tensorValue, x.tensorValue, "arctan2", Double.self) { Foundation.atan2($0, $1) }
    }
    /// The angle of one point. numpy: `np.arctan2(1.0, -1.0)`.
    public static func arctan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }

    /// `sqrt(x² + y²)` without overflow, elementwise with broadcasting. numpy: `np.hypot(x, y)`.
    public static func hypot(_ x: some TensorConvertible, _ y: some TensorConvertible) -> Tensor {
        Tensor.elementwise(x.tensorValue, y.tensorValue, "hypot", Double.self) { Foundation.hypot($0, $1) }
    }
    /// The hypotenuse of one right triangle. numpy: `np.hypot(3.0, 4.0)`.
    public static func hypot(_ x: Double, _ y: Double) -> Double { Foundation.hypot(x, y) }
}
