import Foundation

/// Whether an actual number matches a documented one.
///
/// It matches when |actual − documented| ≤ atol + rtol·|documented|, or when the
/// documented number is written with fewer digits and the actual value rounds to it
/// ("precision as written": a documented `0.1343` matches `0.13434887664395717`).
/// `nan` matches `nan`, and an infinity matches the same infinity.
enum NumberMatch {
    /// nil when the numbers match; otherwise why not, naming the tolerance that failed.
    static func failure(
        written: String, value: Double, actualWritten: String, actual: Double,
        rules: ComparisonRules
    ) -> String? {
        if value.isNaN || actual.isNaN {
            return value.isNaN && actual.isNaN ? nil : "nan matches only nan"
        }
        if value.isInfinite || actual.isInfinite {
            return value == actual ? nil : "an infinity matches only the same infinity"
        }
        let difference = abs(actual - value)
        let allowed = rules.atol + rules.rtol * abs(value)
        if difference <= allowed { return nil }
        let decimals = fractionDigits(written)
        let actualDecimals = fractionDigits(actualWritten)
        let writtenShorter = decimals.count < actualDecimals.count || decimals.scientific != actualDecimals.scientific
        if writtenShorter, rounds(actual, to: decimals) == value { return nil }
        return
            "|difference| \(short(difference)) > atol \(short(rules.atol)) + rtol \(short(rules.rtol)) × \(short(abs(value)))"
            + (writtenShorter
                ? ", and it does not round to the \(decimals.count) decimal\(decimals.count == 1 ? "" : "s") written"
                : "")
    }

    /// How many digits a number is written with after the point, and whether in scientific notation.
    static func fractionDigits(_ written: String) -> (count: Int, scientific: Bool) {
        let mantissa = written.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? ""
        let scientific = mantissa.count != written.count
        guard let dot = mantissa.firstIndex(of: ".") else { return (0, scientific) }
        return (mantissa[mantissa.index(after: dot)...].count, scientific)
    }

    /// `value` rounded to `decimals` digits as written (fixed or scientific).
    static func rounds(_ value: Double, to decimals: (count: Int, scientific: Bool)) -> Double {
        let format = decimals.scientific ? "%.\(decimals.count)e" : "%.\(decimals.count)f"
        return Double(String(format: format, value)) ?? .nan
    }

    private static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.3g", value)
    }
}
