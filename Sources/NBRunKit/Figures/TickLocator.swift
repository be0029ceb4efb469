import Foundation

// MARK: - TickLocator

/// Tick positions on a linear axis by matplotlib's "nice numbers" rule (its `MaxNLocator`
/// with the default steps 1, 2, 2.5, 5 and 10, as `AutoLocator` uses).
///
/// For at most `bins` intervals it takes the smallest step of the form s·10ⁿ (s one of
/// the steps) that covers the range, then steps down while at least two ticks would
/// still fall inside it. Ticks are multiples of the step, counted from an offset when
/// the range sits far from zero, so `999_999.5…1_000_000.5` does not lose its digits.
struct TickLocator {
    /// The most intervals between ticks (matplotlib allows 9 on a default figure).
    var bins: Int

    static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// The tick positions inside `[low, high]` (either order), from low to high.
    func ticks(from low: Double, to high: Double) -> [Double] {
        let (vmin, vmax) = Self.nonsingular(min(low, high), max(low, high), expander: 1e-13, tiny: 1e-14)
        guard (vmax - vmin).isFinite else { return [] }  // wider than any axis ever is
        let ticks = rawTicks(vmin, vmax)
        let slack = (vmax - vmin) * 1e-10
        return ticks.filter { $0 >= vmin - slack && $0 <= vmax + slack }
    }

    /// Ticks covering `[vmin, vmax]`, including one beyond each end when the range does not
    /// end on a tick.
    private func rawTicks(_ vmin: Double, _ vmax: Double) -> [Double] {
        let bins = max(1, self.bins)
        let (scale, offset) = Self.scaleAndOffset(vmin, vmax, bins: bins)
        let low = vmin - offset
        let high = vmax - offset
        let rawStep = (high - low) / Double(bins)
        // The staircase of candidate steps: a decade below and one step above the steps.
        let candidates = (Self.steps.dropLast().map { $0 * 0.1 } + Self.steps + [Self.steps[1] * 10]).map { $0 * scale }
        let largest = candidates.firstIndex { $0 >= rawStep } ?? candidates.count - 1
        var ticks: [Double] = []
        for step in candidates[...largest].reversed() {
            let base = Self.floorDivide(low, step) * step
            let first = Self.multiplesBelow(low - base, step: step, offset: offset)
            let last = Self.multiplesAbove(high - base, step: step, offset: offset)
            guard last >= first, last - first < 10_000 else { continue }
            ticks = stride(from: first, through: last, by: 1).map { $0 * step + base }
            if ticks.filter({ $0 >= low && $0 <= high }).count >= 2 { break }
        }
        return ticks.map { $0 + offset }
    }

    /// A power of ten near the step (`scale`), and a power of ten to count from when the
    /// range is narrow for its distance from zero (`offset`, else 0).
    static func scaleAndOffset(_ vmin: Double, _ vmax: Double, bins: Int) -> (scale: Double, offset: Double) {
        let span = abs(vmax - vmin)
        let middle = (vmax + vmin) / 2
        var offset = 0.0
        if abs(middle) / span >= 100 {
            offset = pow(10, floor(log10(abs(middle))))
            if middle < 0 { offset = -offset }
        }
        let scale = pow(10, floor(log10(span / Double(bins))))
        return (scale, offset)
    }

    // MARK: - Counting steps with rounding slack

    /// The largest n with n·step <= x, allowing for rounding: a remainder within a hair
    /// of a whole step counts as a whole step. The hair grows with the offset, whose
    /// subtraction cost digits.
    static func multiplesBelow(_ x: Double, step: Double, offset: Double) -> Double {
        let (quotient, remainder) = floorDivMod(x, step)
        return isClose(remainder / step, to: 1, step: step, offset: offset) ? quotient + 1 : quotient
    }

    /// The smallest n with n·step >= x, with the same slack.
    static func multiplesAbove(_ x: Double, step: Double, offset: Double) -> Double {
        let (quotient, remainder) = floorDivMod(x, step)
        return isClose(remainder / step, to: 0, step: step, offset: offset) ? quotient : quotient + 1
    }

    private static func isClose(_ fraction: Double, to edge: Double, step: Double, offset: Double) -> Bool {
        var tolerance = 1e-10
        if offset != 0 {
            tolerance = min(0.4999, max(1e-10, pow(10, log10(abs(offset) / step) - 12)))
        }
        return abs(fraction - edge) < tolerance
    }

    /// Floor division of doubles with the remainder taking the divisor's sign (Python's
    /// `divmod` on floats, which matplotlib's arithmetic relies on).
    static func floorDivMod(_ x: Double, _ y: Double) -> (Double, Double) {
        var remainder = fmod(x, y)
        var quotient = (x - remainder) / y
        if remainder != 0 {
            if (y < 0) != (remainder < 0) {
                remainder += y
                quotient -= 1
            }
        } else {
            remainder = 0
        }
        var whole = floor(quotient)
        if quotient - whole > 0.5 { whole += 1 }
        return (whole, remainder)
    }

    static func floorDivide(_ x: Double, _ y: Double) -> Double {
        floorDivMod(x, y).0
    }

    // MARK: - Degenerate ranges

    /// Widens a range too narrow to show: both ends 0 become ±`expander`; ends equal (to
    /// within `tiny` of their size) move apart by `expander` of their size; a range
    /// whose size is lost in the denormals becomes ±`expander`; a non-finite one ±`expander`.
    static func nonsingular(_ low: Double, _ high: Double, expander: Double, tiny: Double) -> (Double, Double) {
        guard low.isFinite, high.isFinite else { return (-expander, expander) }
        var (vmin, vmax) = (min(low, high), max(low, high))
        let largest = max(abs(vmin), abs(vmax))
        if largest < (1e6 / tiny) * Double.leastNormalMagnitude {
            return (-expander, expander)
        }
        if vmax - vmin <= largest * tiny {
            if vmax == 0, vmin == 0 { return (-expander, expander) }
            vmin -= expander * abs(vmin)
            vmax += expander * abs(vmax)
        }
        return (vmin, vmax)
    }
}
