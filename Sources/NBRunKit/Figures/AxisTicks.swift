import Foundation
import NBRuntime

// MARK: - AxisTicks

/// The ticks of one axis with their labels, and the text at the axis's end (a
/// multiplier or an offset), for a given number of intervals.
struct AxisTicks: Equatable {
    struct Tick: Equatable {
        var value: Double
        var label: TickLabel?
        /// Major ticks are longer and carry the grid lines.
        var major: Bool
    }

    var ticks: [Tick]
    var corner: TickLabel?

    init(ticks: [Tick], corner: TickLabel?) {
        self.ticks = ticks
        self.corner = corner
    }

    /// The ticks `view` shows with at most `bins` labelled intervals.
    init(view: AxisView, bins: Int) {
        switch view.scale {
        case .linear:
            let values = TickLocator(bins: bins).ticks(from: view.low, to: view.high)
            let (labels, corner) = TickFormat.linear(values)
            ticks = zip(values, labels).map { Tick(value: $0, label: $1, major: true) }
            self.corner = corner
        case .log:
            let located = LogTickLocator(bins: bins).ticks(from: view.low, to: view.high)
            let labels = TickFormat.log(located)
            ticks = zip(located, labels).map { Tick(value: $0.value, label: $1, major: $0.decade || $1 != nil) }
            corner = nil
        }
    }

    /// The most ticks whose labels fit along an axis `length` pixels long without touching,
    /// trying from matplotlib's 9 intervals down. `extent` is a label's size along the
    /// axis (its width on an x axis, its height on a y axis).
    static func fitted(
        view: AxisView, length: Double, minimumSpacing: Double,
        extent: (TickLabel) -> Double
    ) -> AxisTicks {
        let mostBins = max(1, min(9, Int(length / minimumSpacing)))
        var result = AxisTicks(view: view, bins: mostBins)
        for bins in stride(from: mostBins, through: 1, by: -1) {
            result = AxisTicks(view: view, bins: bins)
            let labelled = result.ticks.compactMap { tick in
                tick.label.flatMap { label in
                    view.fraction(tick.value).map { ($0 * length, extent(label)) }
                }
            }
            let fits = zip(labelled, labelled.dropFirst()).allSatisfy { left, right in
                abs(right.0 - left.0) >= (left.1 + right.1) / 2 + 6
            }
            if fits { break }
        }
        return result
    }

    var labels: [TickLabel] { ticks.compactMap(\.label) }
}
