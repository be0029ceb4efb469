import NBRuntime

// MARK: - Text alternatives

extension Figure {
    /// What a screen reader says for the figure, and the alt text of its image in a
    /// Markdown report: the figure's title, else its only panel's title, else ``summary``.
    var altText: String {
        if let title, !title.isEmpty { return title }
        if panels.count == 1, let title = panels[0].title, !title.isEmpty { return title }
        return summary
    }

    /// A description of what the figure shows, e.g. "line plot of losses, 200 points".
    var summary: String {
        let parts = panels.map(\.summary)
        if parts.count == 1 { return parts[0] }
        return "\(parts.count) panels: " + parts.joined(separator: "; ")
    }
}

extension Figure.Panel {
    /// "line plot of train and test, 400 points", "histogram of age, 120 values in 10 bins".
    var summary: String {
        let kinds: [Figure.Kind] = [.line, .scatter, .hist, .image, .bar, .errorbar, .contourf, .contour]
        let present = kinds.filter { kind in series.contains { $0.kind == kind } }
        guard !present.isEmpty else { return title.map { "\($0): empty plot" } ?? "empty plot" }
        let names: [Figure.Kind: String] = [
            .line: "line plot", .scatter: "scatter plot", .hist: "histogram",
            .image: "heat map", .bar: "bar chart", .errorbar: "error bars", .contourf: "filled contours",
            .contour: "contour lines"
        ]
        var text = Self.list(present.map { names[$0]! })
        let labels = series.compactMap { $0.label.flatMap { $0.isEmpty || $0.hasPrefix("_") ? nil : $0 } }
        if !labels.isEmpty {
            text += " of " + Self.list(labels)
        } else if let subject = present == [.hist] ? xlabel : ylabel, !subject.isEmpty {
            text += " of " + subject
        }
        var counts: [String] = []
        let points = series.filter { [.line, .scatter, .errorbar].contains($0.kind) }
            .reduce(0) { $0 + ($1.thinnedFrom ?? $1.y.count) }
        if points > 0 { counts.append(points == 1 ? "1 point" : "\(points.grouped) points") }
        for histogram in series where histogram.kind == .hist {
            let values = histogram.pointCount
            counts.append("\(values.grouped) \(values == 1 ? "value" : "values") in \(histogram.y.count) bins")
        }
        for image in series where image.kind == .image {
            let rows = image.values?.count ?? 0
            let columns = image.values?.first?.count ?? 0
            counts.append("\(rows)×\(columns)")
        }
        if !counts.isEmpty { text += ", " + counts.joined(separator: ", ") }
        if let title, !title.isEmpty { text = "\(title): " + text }
        return text
    }

    /// "a", "a and b", "a, b and c".
    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
