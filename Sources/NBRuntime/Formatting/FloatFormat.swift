// MARK: - numpy's FloatingFormat for float64 and float32

/// Formats the elements of one array the way numpy's `FloatingFormat` does
/// with floatmode `'maxprec'`, sign `'-'`, nanstr `nan`, infstr `inf`, and the
/// given precision (default 8) and `suppress` (default false).
///
/// Built from the values that will be shown (after summarization), it picks
/// positional or scientific notation for the whole array and one shared
/// width, so every element string has the same length.
struct FloatFormat {
    let precision: Int
    /// Whether the values are float32s (held exactly as doubles): their digits are
    /// float32's shortest ones, and the notation thresholds compare in float32.
    let isFloat32: Bool

    private enum Piece {
        case finite(negative: Bool, digits: Dragon4Digits)
        case nonFinite(String)
    }

    private let scientific: Bool
    private var padLeft = 0
    private var padRight = 0
    private var fractionDigits = 0
    private var exponentDigits = 0

    /// Chooses the notation and the widths for `values` (numpy's `fillFormat`).
    /// With `suppress`, only values of 1e8 and up switch to scientific notation.
    init(_ values: [Double], precision: Int = 8, suppress: Bool = false, float32: Bool = false) {
        self.precision = precision
        isFloat32 = float32
        let finite = values.filter { $0.isFinite }
        let magnitudes = finite.lazy.filter { $0 != 0 }.map { abs($0) }
        if let maxValue = magnitudes.max(), let minValue = magnitudes.min() {
            // numpy compares a float32 array's extremes with the Python floats 1e8, 0.0001
            // and 1000 converted to float32, and divides in float32.
            // numpy 2.2+: the cutoff is 10**min(8, finfo(dtype).precision), 1e6 for float32.
            let small = float32 ? Double(Float(0.0001)) : 0.0001
            let ratio = float32 ? Double(Float(maxValue) / Float(minValue)) : maxValue / minValue
            scientific = maxValue >= (float32 ? 1e6 : 1e8) || (!suppress && (minValue < small || ratio > 1000))
        } else {
            scientific = false
        }
        if !finite.isEmpty {
            for value in finite {
                let (integer, fraction, exponent) = partLengths(value)
                padLeft = max(padLeft, integer)
                fractionDigits = max(fractionDigits, fraction)
                exponentDigits = max(exponentDigits, exponent)
            }
            padRight = scientific ? exponentDigits + 2 + fractionDigits : fractionDigits
        }
        if finite.count != values.count {
            let negativeInfinity = values.contains { $0 == -.infinity } ? 1 : 0
            let offset = padRight + 1
            padLeft = max(padLeft, 3 - offset, 3 + negativeInfinity - offset)
        }
    }

    /// The element string, padded to the shared width.
    func format(_ value: Double) -> String {
        guard value.isFinite else {
            let text = value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
        }
        let digits = digits(of: value)
        let sign = value.sign == .minus ? "-" : ""
        var integer: String
        var fraction: String
        var suffix = ""
        if scientific {
            // numpy's second pass sets min_digits: a value with fewer unique digits than the
            // widest gets its exact further digits (float32's 1e-14 is 9.9999998e-15 beside
            // 1.0000001e-02), not zeros.
            let digits =
                digits.digits.count < fractionDigits + 1
                ? exactDigits(of: value, count: fractionDigits + 1) : digits
            integer = sign + String(digits.digits[0])
            fraction = Self.text(digits.digits.dropFirst())
            fraction += String(repeating: "0", count: max(0, fractionDigits - fraction.count))
            suffix = Self.exponentText(digits.exponent, minimumDigits: exponentDigits)
        } else {
            let parts = Self.positionalParts(digits)
            integer = sign + parts.integer
            fraction = parts.fraction + String(repeating: " ", count: max(0, padRight - parts.fraction.count))
        }
        let padding = String(repeating: " ", count: max(0, padLeft - integer.count))
        return padding + integer + "." + fraction + suffix
    }

    // MARK: - Pieces

    private func digits(of value: Double) -> Dragon4Digits {
        let magnitude = abs(value)
        let cutoff: Dragon4Digits.Cutoff =
            scientific ? .significantDigits(precision + 1) : .fractionDigits(precision)
        return isFloat32
            ? Dragon4Digits(float: Float(magnitude), cutoff: cutoff) : Dragon4Digits(magnitude, cutoff: cutoff)
    }

    private func exactDigits(of value: Double, count: Int) -> Dragon4Digits {
        let magnitude = abs(value)
        return isFloat32
            ? Dragon4Digits(float: Float(magnitude), cutoff: .exactSignificantDigits(count))
            : Dragon4Digits(magnitude, cutoff: .exactSignificantDigits(count))
    }

    /// Lengths of the integer part (with sign), fraction and exponent digits
    /// in numpy's first formatting pass (trim `'.'`, no padding).
    private func partLengths(_ value: Double) -> (Int, Int, Int) {
        let digits = digits(of: value)
        let signLength = value.sign == .minus ? 1 : 0
        if scientific {
            let exponentLength = Self.exponentText(digits.exponent, minimumDigits: 2).count - 2
            return (1 + signLength, digits.digits.count - 1, exponentLength)
        }
        let parts = Self.positionalParts(digits)
        return (parts.integer.count + signLength, parts.fraction.count, 0)
    }

    static func positionalParts(_ d: Dragon4Digits) -> (integer: String, fraction: String) {
        if d.exponent >= 0 {
            let integerCount = d.exponent + 1
            let integerDigits = d.digits.prefix(integerCount)
            let integer = text(integerDigits) + String(repeating: "0", count: integerCount - integerDigits.count)
            return (integer, text(d.digits.dropFirst(integerCount)))
        }
        return ("0", String(repeating: "0", count: -d.exponent - 1) + text(d.digits))
    }

    static func exponentText(_ exponent: Int, minimumDigits: Int) -> String {
        let magnitude = String(abs(exponent))
        let zeros = String(repeating: "0", count: max(0, max(minimumDigits, 2) - magnitude.count))
        return "e" + (exponent < 0 ? "-" : "+") + zeros + magnitude
    }

    static func text<S: Sequence>(_ digits: S) -> String where S.Element == UInt8 {
        String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }
}

// MARK: - Scalar repr

extension FloatFormat {
    /// numpy's `str(np.float64(x))`, which is also Python's `repr(float)`:
    /// shortest unique digits, positional for `1e-4 <= |x| < 1e16` (always
    /// with a fractional digit, `3.0`), otherwise scientific (`1e-05`,
    /// `1.5e+16`).
    ///
    /// numpy's `str(np.float32(x))` (`float32: true`, `value` a float32) takes
    /// float32's shortest digits and is positional only for `1e-4 <= |x| < 1e6`
    /// (`1e+06`, `1.6777216e+07`), measured on numpy 2.4.
    static func scalarText(_ value: Double, float32: Bool = false) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = abs(value)
        let digits =
            float32 ? Dragon4Digits(float: Float(magnitude), cutoff: .none) : Dragon4Digits(magnitude, cutoff: .none)
        if magnitude == 0 || (magnitude >= 1e-4 && magnitude < (float32 ? 1e6 : 1e16)) {
            let parts = positionalParts(digits)
            return sign + parts.integer + "." + (parts.fraction.isEmpty ? "0" : parts.fraction)
        }
        let fraction = text(digits.digits.dropFirst())
        return sign + String(digits.digits[0]) + (fraction.isEmpty ? "" : "." + fraction)
            + exponentText(digits.exponent, minimumDigits: 2)
    }
}
