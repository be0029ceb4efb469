import Foundation

// MARK: - Numeric gradients

/// Central-difference gradient of a scalar function at `x`: element by
/// element, `(f(x + ε·e_i) - f(x - ε·e_i)) / (2ε)`. The result has `x`'s shape.
///
/// `f` must return a tensor with exactly one element (rank 0 or, e.g., a
/// `(1, 1)` loss); anything else traps in `item()`.
/// numpy: a loop over `np.nditer(x)` of `(f(x + eps) - f(x - eps)) / (2 * eps)`.
public func numericGradient(at x: Tensor, epsilon: Double = 1e-6, _ f: (Tensor) -> Tensor) -> Tensor {
    numericGradient(at: x, epsilon: epsilon) { f($0).item() }
}

/// Central-difference gradient of a `Double`-valued function at `x`.
/// numpy: the same loop with a function returning a float.
public func numericGradient(at x: Tensor, epsilon: Double = 1e-6, _ f: (Tensor) -> Double) -> Tensor {
    var probe = x.astype(.float64)
    let values = probe.scalars  // a copy, so that probe keeps its buffer to itself and writes in place
    var gradient = [Double](repeating: 0, count: x.count)
    for i in 0..<x.count {
        let original = values[i]
        probe.setDoubleValue(original + epsilon, at: i)
        let plus = f(probe)
        probe.setDoubleValue(original - epsilon, at: i)
        let minus = f(probe)
        probe.setDoubleValue(original, at: i)
        gradient[i] = (plus - minus) / (2 * epsilon)
    }
    return Tensor(unchecked: x.shape, gradient)
}

// MARK: - Comparing gradients

/// The outcome of comparing an analytic gradient with a numeric one.
///
/// `passed` uses numpy's `allclose` rule with the numeric gradient as the
/// reference: every element satisfies `|a - n| <= atol + rtol * |n|`.
/// Relative error is `|a - n| / |n|` (0 when both are 0, inf when only `n` is).
/// numpy: `np.allclose(analytic, numeric, rtol, atol)` plus the error statistics.
public struct GradientCheck: Sendable, Equatable, CustomStringConvertible {
    /// The name printed after `gradcheck`. numpy: a label in your own print.
    public var label: String?
    /// Whether every element is within tolerance. numpy: `np.allclose(a, n, rtol, atol)`.
    public var passed: Bool
    /// The largest `|a - n|`. numpy: `np.max(np.abs(a - n))`.
    public var maxAbsoluteError: Double
    /// The largest `|a - n| / |n|`. numpy: `np.max(np.abs(a - n) / np.abs(n))`.
    public var maxRelativeError: Double
    /// Multi-index of the element with the largest absolute error (`[]` for rank 0).
    /// numpy: `np.unravel_index(np.argmax(np.abs(a - n)), a.shape)`.
    public var worstIndex: [Int]
    /// The relative tolerance. numpy: `rtol=1e-05`.
    public var rtol: Double
    /// The absolute tolerance. numpy: `atol=1e-08`.
    public var atol: Double

    /// One line (numpy: a formatted print of the fields):
    /// `gradcheck w1: FAIL  max abs err 0.0274211 at [0, 0], max rel err 3.00549  (rtol 1e-05, atol 1e-08)`.
    public var description: String {
        let name = label.map { "gradcheck \($0):" } ?? "gradcheck:"
        return "\(name) \(passed ? "PASS" : "FAIL")  max abs err \(Self.number(maxAbsoluteError)) at "
            + "[\(worstIndex.map(String.init).joined(separator: ", "))], max rel err \(Self.number(maxRelativeError))"
            + "  (rtol \(Self.number(rtol)), atol \(Self.number(atol)))"
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}

/// Compares two gradients element by element; traps if the shapes differ.
/// numpy: `np.allclose(analytic, numeric, rtol=rtol, atol=atol)` plus the error statistics.
public func compareGradients(
    _ analytic: Tensor, _ numeric: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8,
    label: String? = nil
) -> GradientCheck {
    guard analytic.shape == numeric.shape else {
        shapeFailure(ShapeText.mismatch("gradcheck", analytic.shape, numeric.shape))
    }
    var passed = true
    var maxAbs = 0.0
    var maxRel = 0.0
    var worst = 0
    let analyticValues = analytic.scalars
    let numericValues = numeric.scalars
    for i in 0..<analytic.count {
        let a = analyticValues[i]
        let n = numericValues[i]
        let absolute = abs(a - n)
        let relative = absolute == 0 ? 0 : absolute / abs(n)
        if !(absolute <= atol + rtol * abs(n)) { passed = false }
        if absolute > maxAbs || absolute.isNaN {
            maxAbs = absolute
            worst = i
        }
        if relative > maxRel || relative.isNaN { maxRel = relative }
    }
    var index: [Int] = []
    var remainder = worst
    for extent in analytic.shape.reversed() {
        index.insert(remainder % extent, at: 0)
        remainder /= extent
    }
    return GradientCheck(
        label: label, passed: passed, maxAbsoluteError: maxAbs, maxRelativeError: maxRel,
        worstIndex: index, rtol: rtol, atol: atol)
}

/// Compares gradients, prints the one-line verdict (this function's job is
/// to print) and returns whether they agree. See `GradientCheck`.
/// numpy: `print(np.allclose(analytic, numeric, rtol=rtol, atol=atol))`.
@discardableResult
public func gradcheck(
    _ analytic: Tensor, _ numeric: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8,
    label: String? = nil
) -> Bool {
    let check = compareGradients(analytic, numeric, rtol: rtol, atol: atol, label: label)
    print(check)
    return check.passed
}
