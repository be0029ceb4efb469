// MARK: - SVGWriter

/// Accumulates SVG text. Every number goes through ``number(_:)`` and every piece of
/// text through ``text(_:)``, so the output never holds NaN, an infinity, float noise
/// or unescaped markup, and the same calls always give the same bytes.
struct SVGWriter {
    private(set) var output = ""

    /// Appends raw markup (tags the caller spelled out).
    mutating func raw(_ markup: String) {
        output += markup
    }

    /// Appends an element with attributes and no content: `<name a="1" b="2"/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        output += "<" + name
        for (key, value) in attributes { output += " \(key)=\"\(value)\"" }
        if let content {
            output += ">" + content + "</\(name)>\n"
        } else {
            output += "/>\n"
        }
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        output += "<" + name
        for (key, value) in attributes { output += " \(key)=\"\(value)\"" }
        output += ">\n"
    }

    mutating func close(_ name: String) {
        output += "</\(name)>\n"
    }

    // MARK: - Numbers and text

    /// A coordinate with at most two decimals and no trailing zeros (`12`, `12.5`, `-0.25`).
    /// Values are clamped to ±10⁶ (far outside any figure); a non-finite value, which
    /// callers never pass, becomes `0` rather than reaching the file.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((min(max(value, -1e6), 1e6) * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction == 0 { return sign + whole }
        let digits = fraction < 10 ? "0\(fraction)" : (fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)")
        return sign + whole + "." + digits
    }

    /// Text safe between tags and inside quoted attributes, without the control
    /// characters XML forbids.
    static func text(_ string: String) -> String {
        let allowed = string.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 ? !(0xFFFE...0xFFFF).contains(scalar.value) : [0x09, 0x0A, 0x0D].contains(scalar.value)
        }
        return String(String.UnicodeScalarView(allowed)).htmlEscaped
    }

    /// A path's `d` from points: `M` starts each run, `L` continues it.
    static func path(_ runs: [[PlotPoint]]) -> String {
        var d = ""
        for run in runs where !run.isEmpty {
            for (index, point) in run.enumerated() {
                d += (index == 0 ? (d.isEmpty ? "M" : " M") : "L") + number(point.x) + " " + number(point.y)
            }
        }
        return d
    }
}
