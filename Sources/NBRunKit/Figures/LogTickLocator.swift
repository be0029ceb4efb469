import Foundation

// MARK: - LogTickLocator

/// Tick positions on a log axis: a major tick at each power of ten (every few powers when
/// there are many), minor ticks at 2…9 times each power, as matplotlib's `LogLocator`.
/// When the range holds fewer than two powers of ten, some minor ticks are labelled too,
/// so an axis never has fewer than two labels.
struct LogTickLocator {
    /// The most labelled intervals.
    var bins: Int

    struct Tick: Equatable {
        var value: Double
        var labelled: Bool
        /// Whether the tick is a power of ten.
        var decade: Bool
    }

    /// The ticks inside `[low, high]` (either order, both positive), from low to high.
    func ticks(from low: Double, to high: Double) -> [Tick] {
        let vmin = min(low, high)
        let vmax = max(low, high)
        guard vmin > 0, vmax.isFinite, vmax > vmin else { return [] }
        let logLow = log10(vmin)
        let logHigh = log10(vmax)
        let firstDecade = Int(ceil(logLow - 1e-10))
        let lastDecade = Int(floor(logHigh + 1e-10))
        let decadeCount = lastDecade - firstDecade + 1
        let stride = decadeCount / max(1, bins) + 1
        let inside = { (value: Double) in value >= vmin * (1 - 1e-12) && value <= vmax * (1 + 1e-12) }

        var ticks: [Tick] = []
        if decadeCount >= 2 {
            let start = Int((Double(firstDecade) / Double(stride)).rounded(.up)) * stride
            for exponent in Swift.stride(from: start, through: lastDecade, by: stride) {
                ticks.append(Tick(value: Self.power(exponent), labelled: true, decade: true))
            }
            if stride == 1 { ticks += minorTicks(vmin, vmax, labelled: []) }
        } else {
            // Too few powers of ten to read the axis by: label more of the minor ticks.
            let decades = logHigh - logLow
            let labelled: Set<Int> = decades > 0.4 ? [2, 5] : [2, 3, 4, 5, 6, 7, 8, 9]
            for exponent in firstDecade...max(firstDecade, lastDecade) where inside(Self.power(exponent)) {
                ticks.append(Tick(value: Self.power(exponent), labelled: true, decade: true))
            }
            ticks += minorTicks(vmin, vmax, labelled: labelled)
            if ticks.filter({ $0.labelled && inside($0.value) }).count < 2 {
                // A sliver of a decade: fall back to evenly spaced ticks.
                return TickLocator(bins: bins).ticks(from: vmin, to: vmax)
                    .map { Tick(value: $0, labelled: true, decade: false) }
            }
        }
        return ticks.filter { inside($0.value) }.sorted { $0.value < $1.value }
    }

    /// 2…9 times each power of ten in the range; those in `labelled` get labels.
    private func minorTicks(_ vmin: Double, _ vmax: Double, labelled: Set<Int>) -> [Tick] {
        let first = Int(floor(log10(vmin)))
        let last = Int(floor(log10(vmax)))
        guard last - first < 400 else { return [] }
        var ticks: [Tick] = []
        for exponent in first...last {
            for multiple in 2...9 {
                let value = Double(multiple) * Self.power(exponent)
                guard value.isFinite else { continue }
                ticks.append(Tick(value: value, labelled: labelled.contains(multiple), decade: false))
            }
        }
        return ticks
    }

    /// 10ⁿ, exact for every representable power (pow's result, rounded to 17 digits).
    static func power(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? pow(10, Double(exponent))
    }
}
