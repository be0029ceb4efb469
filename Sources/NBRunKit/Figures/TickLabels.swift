import Foundation

// MARK: - Tick labels

/// A label made of runs of text, some raised as exponents (`10` then raised `−3`).
struct TickLabel: Equatable {
    struct Run: Equatable {
        var text: String
        var raised: Bool
    }

    var runs: [Run]

    init(_ text: String) { runs = [Run(text: text, raised: false)] }
    init(runs: [Run]) { self.runs = runs }

    /// The label as plain text, with `^` before a raised run (for tests and titles).
    var plainText: String { runs.map { $0.raised ? "^" + $0.text : $0.text }.joined() }

    /// `10` with `exponent` raised, after an optional mantissa: `2×10⁵`.
    static func power(_ exponent: Int, mantissa: String? = nil) -> TickLabel {
        TickLabel(runs: [
            Run(text: (mantissa.map { $0 + "×" } ?? "") + "10", raised: false),
            Run(text: TickFormat.minus(String(exponent)), raised: true)
        ])
    }
}

/// Labels for tick positions, written without float noise (`0.25`, never
/// `0.25000000000000006`), with one number of decimals per axis, as matplotlib's
/// `ScalarFormatter` does.
enum TickFormat {
    /// Axes whose largest tick is at least 10⁶, or below 10⁻³, are labelled in units of
    /// a power of ten, shown at the end of the axis (matplotlib's `1e6`).
    static let largeExponent = 6
    static let smallExponent = -4
    /// An offset is taken out when the ticks share this many leading digits (matplotlib's
    /// `axes.formatter.offset_threshold`).
    static let offsetDigits = 4.0

    /// Labels for evenly spaced ticks, and the text for the end of the axis (a multiplier
    /// like `×10⁶`, an offset like `+1×10⁶`), if any.
    static func linear(_ ticks: [Double]) -> (labels: [TickLabel], corner: TickLabel?) {
        guard let first = ticks.first, let last = ticks.last, ticks.allSatisfy(\.isFinite) else { return ([], nil) }
        var corner: [TickLabel.Run] = []
        // An offset, when every tick has the same sign and the same leading digits.
        var offset = 0.0
        let span = last - first
        if span > 0, first > 0 || last < 0 {
            let nearest = min(abs(first), abs(last))
            if max(abs(first), abs(last)) / span >= pow(10, offsetDigits) {
                let unit = pow(10, floor(log10(span)) + 1)
                offset = (nearest / unit).rounded(.down) * unit * (first < 0 ? -1 : 1)
            }
        }
        var values = ticks.map { $0 - offset }
        // A multiplier for very large or very small numbers.
        let largest = values.map(abs).max() ?? 0
        if largest > 0 {
            let exponent = Int(floor(log10(largest)))
            if exponent >= largeExponent || exponent <= smallExponent {
                values = values.map { $0 / LogTickLocator.power(exponent) }
                corner += TickLabel.power(exponent, mantissa: nil).runs
                corner[0].text = "×" + corner[0].text
            }
        }
        if offset != 0 {
            let sign = offset < 0 ? "−" : "+"
            let runs = scientific(abs(offset)).runs
            corner.append(TickLabel.Run(text: (corner.isEmpty ? "" : " ") + sign + runs[0].text, raised: false))
            corner += runs.dropFirst()
        }
        let step =
            values.count > 1
            ? (values[values.count - 1] - values[0]) / Double(values.count - 1)
            : abs(values[0])
        let digits = decimals(for: step)
        let labels = values.map { TickLabel(fixed($0, decimals: digits)) }
        return (labels, corner.isEmpty ? nil : TickLabel(runs: corner))
    }

    /// Labels for a log axis, all in one notation as matplotlib's `LogFormatterSciNotation`
    /// writes them: `10ⁿ` at powers of ten, `m×10ⁿ` elsewhere (`3×10⁻¹`, `2.1×10⁰`); nil
    /// for an unlabelled tick.
    static func log(_ ticks: [LogTickLocator.Tick]) -> [TickLabel?] {
        ticks.map { tick in
            guard tick.labelled, tick.value > 0 else { return nil }
            let exponent = log10(tick.value)
            if abs(exponent - exponent.rounded()) < 1e-10 { return TickLabel.power(Int(exponent.rounded())) }
            let decade = Int(floor(exponent))
            var mantissa = tick.value / LogTickLocator.power(decade)
            if abs(mantissa - mantissa.rounded()) < 1e-10 { mantissa = mantissa.rounded() }
            return TickLabel.power(decade, mantissa: String(format: "%g", mantissa))
        }
    }

    /// `m×10ⁿ` with the shortest mantissa that reads back as the value (to 12 digits).
    static func scientific(_ value: Double) -> TickLabel {
        guard value != 0 else { return TickLabel("0") }
        let exponent = Int(floor(log10(abs(value))))
        var mantissa = value / LogTickLocator.power(exponent)
        mantissa = (mantissa * 1e11).rounded() / 1e11
        var text = "\(mantissa)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        if text == "1" { return TickLabel.power(exponent) }
        return TickLabel.power(exponent, mantissa: minus(text))
    }

    /// The fewest decimals that write multiples of `step` exactly.
    static func decimals(for step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for digits in 0...15 {
            let scaled = step * pow(10, Double(digits))
            if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { return digits }
        }
        return 15
    }

    /// `value` with `decimals` decimals; never `-0`, and with a true minus sign.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return minus(text)
    }

    /// Typographic minus signs, as matplotlib writes them.
    static func minus(_ text: String) -> String {
        text.replacingOccurrences(of: "-", with: "\u{2212}")
    }
}
