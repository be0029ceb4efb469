import Foundation

// MARK: - Elementwise functions

/// Elementwise e^x using the platform libm (`Foundation.exp`), float64 for any
/// input type. numpy: `np.exp(x)`.
///
/// Not always bit-identical to numpy: on x86-64 machines with AVX-512F,
/// numpy's `np.exp` uses its own vectorized float64 kernel, which differs
/// from glibc's correctly-rounded-in-practice `exp` by one ulp for a few
/// percent of inputs. On machines without AVX-512F numpy calls libm too.
public func exp(_ x: Tensor) -> Tensor { x.floatFunction("exp") { Foundation.exp($0) } }

/// Elementwise natural logarithm (`Foundation.log`); log(0) = -inf, log(<0) = nan.
/// numpy: `np.log(x)`.
///
/// Same caveat as `exp`: numpy's AVX-512F kernel differs from libm by one
/// ulp for a small fraction (about 0.1%) of inputs.
public func log(_ x: Tensor) -> Tensor { x.floatFunction("log") { Foundation.log($0) } }

/// Elementwise hyperbolic tangent (`Foundation.tanh`). numpy: `np.tanh(x)`.
///
/// numpy on x86-64 with AVX2/AVX-512 uses a vectorized float64 tanh that
/// differs from libm by one ulp for a sizeable fraction of inputs; values
/// agree to within 1 ulp.
public func tanh(_ x: Tensor) -> Tensor { x.floatFunction("tanh") { Foundation.tanh($0) } }

/// Elementwise square root, correctly rounded (IEEE), so bit-identical to
/// numpy; sqrt of a negative number is nan. numpy: `np.sqrt(x)`.
public func sqrt(_ x: Tensor) -> Tensor { x.floatFunction("sqrt") { $0.squareRoot() } }

/// Elementwise absolute value, keeping the type; the most negative int64 stays
/// itself, as in numpy. numpy: `np.abs(x)`.
public func abs(_ x: Tensor) -> Tensor {
    switch x.storage {
    case .float64: return x.map(Double.self) { Swift.abs($0) }
    case .int64: return x.map(Int64.self) { $0 < 0 ? 0 &- $0 : $0 }
    case .bool: return x
    case .float32: return x.map(Float.self) { Swift.abs($0) }
    case .int32: return x.map(Int32.self) { $0 < 0 ? 0 &- $0 : $0 }
    case .uint8: return x
    }
}

/// Elementwise `max(x, 0)` with numpy's `np.maximum(x, 0)` semantics:
/// nan stays nan, and `-0.0` becomes `0.0` (numpy returns the second operand on ties).
/// numpy: `np.maximum(x, 0)`.
public func relu(_ x: Tensor) -> Tensor {
    switch x.dtype {
    case .float64: return x.map(Double.self) { ($0 > 0 || $0.isNaN) ? $0 : 0 }
    case .float32: return x.map(Float.self) { ($0 > 0 || $0.isNaN) ? $0 : 0 }
    case .int32: return x.map(Int32.self) { $0 > 0 ? $0 : 0 }
    case .uint8: return x
    case .int64, .bool: return x.map(Int64.self) { $0 > 0 ? $0 : 0 }
    }
}

/// The logistic function, bit-identical to SciPy's `scipy.special.expit`
/// for float64, which computes `1 / (1 + exp(-x))` with libm's `exp`
/// (xsf `log_exp.h`): exp(-x) overflows to inf for x < -709.78 and the
/// result is then exactly 0. numpy: `scipy.special.expit(x)`.
public func sigmoid(_ x: Tensor) -> Tensor { x.floatFunction("expit") { 1 / (1 + Foundation.exp(-$0)) } }

/// Elementwise power, numpy's `x ** p` for a scalar exponent; float64.
/// numpy: `x ** p` or `np.power(x, p)`.
///
/// numpy's float64 power loop special-cases a scalar exponent, and so does
/// this: `p == 2` is `x * x`, `0.5` is `sqrt(x)`, `-1` is `1 / x`, `1` is a
/// copy and `0` gives ones. Other exponents call `Foundation.pow`; numpy on
/// AVX-512 machines uses Intel SVML's `pow` there, which can differ in the
/// last bit.
public func pow(_ x: Tensor, _ p: Double) -> Tensor {
    if x.dtype == .float32 {
        switch p {
        case 2: return x.map(Float.self) { $0 * $0 }
        case 0.5: return x.map(Float.self) { $0.squareRoot() }
        case -1: return x.map(Float.self) { 1 / $0 }
        case 1: return x
        case 0: return x.map(Float.self) { _ in 1 }
        default: return x.map(Float.self) { Float(Foundation.pow(Double($0), p)) }
        }
    }
    let x = x.astype(.float64)
    switch p {
    case 2: return x.map(Double.self) { $0 * $0 }
    case 0.5: return x.map(Double.self) { $0.squareRoot() }
    case -1: return x.map(Double.self) { 1 / $0 }
    case 1: return x
    case 0: return x.map(Double.self) { _ in 1 }
    default: return x.map(Double.self) { Foundation.pow($0, p) }
    }
}

extension Tensor {
    /// Elementwise `x * x`, keeping ints int64. numpy: `x ** 2` or `np.square(x)`.
    public func squared() -> Tensor {
        switch dtype {
        case .float64: return map(Double.self) { $0 * $0 }
        case .float32: return map(Float.self) { $0 * $0 }
        case .int32: return map(Int32.self) { $0 &* $0 }
        case .uint8: return map(UInt8.self) { $0 &* $0 }
        case .int64, .bool: return map(Int64.self) { $0 &* $0 }
        }
    }

    /// A float ufunc: `f` on float64 elements (ints and bools converted first), or,
    /// for float32, on each element widened to float64 and the result rounded back to
    /// float32 (correctly rounded for `sqrt`; see docs/numpy.md for the others).
    /// numpy gives float16 for uint8, which the runtime doesn't have: that traps.
    @inline(__always)
    func floatFunction(_ name: String, _ f: (Double) -> Double) -> Tensor {
        switch dtype {
        case .float32: return map(Float.self) { Float(f(Double($0))) }
        case .uint8:
            shapeFailure(
                "\(name): numpy computes uint8 input in float16, which nbrun doesn't have; "
                    + "convert first, e.g. `a.astype(np.float32)`")
        default: return map(Double.self, f)
        }
    }
}
