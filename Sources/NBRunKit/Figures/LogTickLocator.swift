import Foundation

// MARK: - LogTickLocator

/// Tick positions on a log axis, and which of them carry a label, as matplotlib's default
/// log axis places them: its `LogLocator` for the major and the minor ticks, and the
/// `set_locs` rule of its `LogFormatterSciNotation` for the labels.
///
/// - Major ticks sit at powers of ten, every `stride` powers: `stride` is
///   `decades / bins + 1` (decades counted between the first and last power inside the
///   range), but never so large that fewer than two could show.
/// - Minor ticks sit at 2…9 times each power, when every power has a major tick and the
///   range holds at most 10 decades. When at most one of them falls inside the range,
///   the minor ticks are evenly spaced ones instead (matplotlib's `AutoLocator`).
/// - Labels depend on how many decades the range spans: more than 1, only the powers of
///   ten; more than 0.4, also 2, 3, 4 and 6 times a power; less, every tick.
struct LogTickLocator {
    /// The most labelled intervals between powers of ten (matplotlib's `numticks`).
    var bins: Int

    struct Tick: Equatable {
        var value: Double
        var labelled: Bool
        /// Whether the tick is a power of ten (a major tick).
        var decade: Bool
    }

    /// The ticks inside `[low, high]` (either order, both positive), from low to high.
    func ticks(from low: Double, to high: Double) -> [Tick] {
        let vmin = min(low, high)
        let vmax = max(low, high)
        guard vmin > 0, vmax.isFinite, vmax > vmin else { return [] }
        let logLow = log10(vmin)
        let logHigh = log10(vmax)
        let decades = Int(floor(logHigh)) - Int(ceil(logLow))
        var stride = decades / max(2, bins) + 1
        if stride >= decades { stride = max(1, decades - 1) }
        let inside = { (value: Double) in value >= vmin * (1 - 1e-12) && value <= vmax * (1 + 1e-12) }

        let first = Int(floor(logLow)) - stride
        let last = Int(ceil(logHigh)) + 2 * stride
        let powers = Swift.stride(from: first, to: last, by: stride).map { Self.power($0) }.filter(inside)
        var minor: [Double] = []
        if stride == 1, decades <= 10 {
            minor = (first..<last).flatMap { exponent in (2...9).map { Self.power(exponent, times: $0) } }
                .filter { $0.isFinite && inside($0) }
            if minor.count <= 1 {
                // Too few for a reader to place a value: evenly spaced ticks.
                minor = TickLocator(bins: bins).ticks(from: vmin, to: vmax).filter { value in
                    !powers.contains { abs($0 - value) <= $0 * 1e-12 }
                }
            }
        }
        let labelled = Self.labelledMultiples(decades: logHigh - logLow)
        let ticks =
            powers.map { Tick(value: $0, labelled: true, decade: true) }
            + minor.map { Tick(value: $0, labelled: labelled.contains(Self.multiple($0)), decade: false) }
        return ticks.sorted { $0.value < $1.value }
    }

    /// The multiples of a power of ten that carry labels on an axis spanning `decades`
    /// (matplotlib's `minor_thresholds` of 1 and 0.4, and its log-spaced subset 1, 2, 3, 4, 6, 10).
    static func labelledMultiples(decades: Double) -> Set<Int> {
        if decades > 1 { return [1] }
        if decades > 0.4 { return [1, 2, 3, 4, 6, 10] }
        return Set(1...10)
    }

    /// The multiple of a power of ten that `value` is, rounded: 3 for 0.3, 2 for 0.21.
    static func multiple(_ value: Double) -> Int {
        let exponent = log10(value)
        let decade = abs(exponent - exponent.rounded()) < 1e-10 ? exponent.rounded() : floor(exponent)
        return Int((value / power(Int(decade))).rounded())
    }

    /// m×10ⁿ, the double nearest to it (`0.3`, where 3 × 0.1 is 0.30000000000000004).
    static func power(_ exponent: Int, times multiple: Int = 1) -> Double {
        Double("\(multiple)e\(exponent)") ?? Double(multiple) * pow(10, Double(exponent))
    }
}
