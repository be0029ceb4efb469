import Foundation
import NBRuntime

// MARK: - AxisView

/// The part of one axis a panel shows: its scale and its two ends in data units, `start`
/// at the left (or bottom) and `end` at the right (or top); `start > end` is an inverted axis.
struct AxisView: Equatable {
    var scale: Figure.Scale
    var start: Double
    var end: Double

    /// Where `value` falls between the ends, 0 at `start` and 1 at `end`; nil for a value
    /// the axis cannot show (not finite, or not positive on a log axis).
    func fraction(_ value: Double) -> Double? {
        guard let t = transform(value), let t0 = transform(start), let t1 = transform(end), t1 != t0 else { return nil }
        let f = (t - t0) / (t1 - t0)
        return f.isFinite ? f : nil
    }

    func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : nil
        }
    }

    func inverse(_ t: Double) -> Double {
        scale == .log ? pow(10, t) : t
    }

    var low: Double { min(start, end) }
    var high: Double { max(start, end) }

    // MARK: - Autoscaling

    /// The largest magnitude data may have to count towards the limits: beyond it, the
    /// width of the range would overflow.
    static let largestFinite = 1e300

    /// The view matplotlib would choose: the data's range, widened by 5% on each side
    /// (`axes.xmargin`) except past a sticky edge (a bar's base, an image's border), with
    /// the ends the notebook fixed replacing the automatic ones.
    ///
    /// - Parameters:
    ///   - data: the values to show (non-finite ones, and non-positive ones on a log axis, are ignored).
    ///   - sticky: values the margin may not cross.
    ///   - limits: the notebook's `xlim`/`ylim`.
    ///   - inverted: whether the automatic direction runs from high to low (an image's rows).
    static func autoscaled(
        scale: Figure.Scale, data: [Double], sticky: [Double], limits: Figure.Limits,
        inverted: Bool = false
    ) -> AxisView {
        let usable = { (value: Double) in
            value.isFinite && abs(value) <= largestFinite && (scale == .linear || value > 0)
        }
        var low = Double.infinity
        var high = -Double.infinity
        for value in data where usable(value) {
            low = min(low, value)
            high = max(high, value)
        }
        var view: (Double, Double)
        if low > high {
            view = scale == .log ? (1, 10) : (0, 1)  // nothing to show: matplotlib's empty axes
        } else {
            view = nonsingular(low, high, scale: scale)
            view = withMargins(view, scale: scale, sticky: sticky.filter(usable), dataRange: (low, high))
        }
        if inverted { view = (view.1, view.0) }
        // The notebook's limits win; a log axis ignores a limit that is not positive.
        let fixed = { (value: Double?) in value.flatMap { usable($0) ? $0 : nil } }
        var start = fixed(limits.start) ?? view.0
        var end = fixed(limits.end) ?? view.1
        if start == end {
            let widened = nonsingular(start, end, scale: scale)
            (start, end) = (widened.0, widened.1)
        }
        return AxisView(scale: scale, start: start, end: end)
    }

    /// Widens a single value into a range: ±5% of it (±0.05 around 0) on a linear axis,
    /// to the surrounding powers of ten on a log axis.
    private static func nonsingular(_ low: Double, _ high: Double, scale: Figure.Scale) -> (Double, Double) {
        if scale == .log {
            guard low == high else { return (low, high) }
            let exponent = log10(low)
            return (
                pow(10, floor(exponent) == exponent ? exponent - 1 : floor(exponent)),
                pow(10, ceil(exponent) == exponent ? exponent + 1 : ceil(exponent))
            )
        }
        return TickLocator.nonsingular(low, high, expander: 0.05, tiny: 1e-15)
    }

    private static func withMargins(
        _ range: (Double, Double), scale: Figure.Scale, sticky: [Double],
        dataRange: (Double, Double)
    ) -> (Double, Double) {
        let axis = AxisView(scale: scale, start: range.0, end: range.1)
        guard let t0 = axis.transform(range.0), let t1 = axis.transform(range.1) else { return range }
        let margin = (t1 - t0) * 0.05
        var low = axis.inverse(t0 - margin)
        var high = axis.inverse(t1 + margin)
        // A sticky edge at (or beyond) the data's end stops the margin there.
        if let edge = sticky.filter({ $0 <= dataRange.0 && $0 >= low }).max() { low = edge }
        if let edge = sticky.filter({ $0 >= dataRange.1 && $0 <= high }).min() { high = edge }
        return (low, high)
    }
}
