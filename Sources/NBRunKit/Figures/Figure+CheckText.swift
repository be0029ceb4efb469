import NBRuntime

extension Figure {
    /// The figure's data as text that `nbrun check` can compare (in numbers mode, within a
    /// tolerance): for a cell marked `figures=check`, its documented output holds this after
    /// what the cell printed. A long series shows 8 evenly spaced points and its extremes,
    /// enough to catch a drifting curve without copying every point into the notebook.
    func checkText(number: Int) -> String {
        var text = "figure \(number): \(summary)\n"
        for (index, panel) in panels.enumerated() {
            if panels.count > 1 { text += "panel \(index + 1)\n" }
            for series in panel.series {
                text += "  \(series.kind.rawValue)" + (series.label.map { " \"\($0)\"" } ?? "") + "\n"
                switch series.kind {
                case .line, .scatter, .bar, .errorbar, .hline, .vline, .text:
                    text += Self.sampled("x", series.x) + Self.sampled("y", series.y)
                    if let values = series.style.colorValues { text += Self.sampled("c", values) }
                    if let yerr = series.style.yerr { text += Self.sampled("yerr", yerr) }
                    if let words = series.style.text { text += "    text: \(words)\n" }
                case .hist:
                    text += "    edges: " + Self.numbers(series.x) + "\n    counts: " + Self.numbers(series.y) + "\n"
                case .image, .contour, .contourf:
                    if let levels = series.style.levels { text += "    levels: " + Self.numbers(levels) + "\n" }
                    let values = (series.values ?? []).flatMap { $0 }.filter(\.isFinite)
                    let rows = series.values?.count ?? 0
                    let columns = series.values?.first?.count ?? 0
                    text +=
                        "    \(rows)×\(columns), min \(Self.number(values.min())), max \(Self.number(values.max()))"
                        + ", mean \(Self.number(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)))\n"
                }
            }
        }
        return text
    }

    /// `    y: 0.69 0.41 …` for up to 8 values, else 8 evenly spaced ones, then min and max.
    private static func sampled(_ name: String, _ values: [Double]) -> String {
        guard values.count > 8 else { return "    \(name): " + numbers(values) + "\n" }
        let picks = (0..<8).map { values[Int((Double($0) * Double(values.count - 1) / 7).rounded())] }
        let finite = values.filter(\.isFinite)
        return "    \(name) (8 of \(values.count)): " + numbers(picks)
            + ", min \(number(finite.min())), max \(number(finite.max()))\n"
    }

    private static func numbers(_ values: [Double]) -> String {
        values.map { number($0) }.joined(separator: " ")
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "none" }
        return value.isNaN ? "nan" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : "\(value)"
    }
}
