import Foundation
import NBRuntime

// MARK: - Long description

extension Figure {
    /// The figure's `<desc>`: what a reader who can't see it needs to follow the text, panel
    /// by panel: the summary, each axis (label, scale, range), and each series in a few
    /// numbers, such as "loss: 201 points, from 1.1 at x = 0 to 0.27 at x = 200, lowest 0.27".
    ///
    /// Numbers have at most 4 significant digits. Non-finite values are left out, and said
    /// to be.
    var longDescription: String {
        panels.enumerated().map { offset, panel in
            (panels.count > 1 ? "Panel \(offset + 1): " : "") + panel.longDescription
        }.joined(separator: " ")
    }
}

extension Figure.Panel {
    var longDescription: String {
        var sentences = [Self.capitalized(summary) + "."]
        let axes = [("x", xlabel, xscale, xValues), ("y", ylabel, yscale, yValues)].compactMap {
            name, label, scale, values -> String? in
            guard let low = values.min(), let high = values.max() else { return nil }
            let what = label.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            let log = scale == .log ? ", log scale" : ""
            return "\(name) axis\(what)\(log): \(Self.number(low)) to \(Self.number(high))"
        }
        if !axes.isEmpty { sentences.append(Self.capitalized(axes.joined(separator: "; ")) + ".") }
        for (index, series) in self.series.enumerated() {
            let name = series.label.flatMap { $0.isEmpty || $0.hasPrefix("_") ? nil : $0 } ?? "series \(index + 1)"
            sentences.append("\(name): \(Self.describe(series)).")
        }
        return sentences.joined(separator: " ")
    }

    /// The finite data values along each axis (for histograms, the edges and the counts).
    private var xValues: [Double] {
        series.flatMap { $0.kind == .image ? [] : $0.x }.filter(\.isFinite)
    }

    private var yValues: [Double] {
        series.flatMap { $0.kind == .image ? [] : $0.y }.filter(\.isFinite)
    }

    private static func describe(_ series: Figure.Series) -> String {
        switch series.kind {
        case .line:
            let points = zip(series.x, series.y).filter { $0.0.isFinite && $0.1.isFinite }
            guard let first = points.first, let last = points.last else { return "no finite points" }
            let ys = points.map(\.1)
            var text =
                "\(count(series.thinnedFrom ?? series.y.count, "point")), from \(number(first.1)) at x = "
                + "\(number(first.0)) to \(number(last.1)) at x = \(number(last.0))"
            text += ", lowest \(number(ys.min()!)), highest \(number(ys.max()!))"
            return text + skipped(series.y.count - points.count)
        case .scatter:
            let points = zip(series.x, series.y).filter { $0.0.isFinite && $0.1.isFinite }
            guard !points.isEmpty else { return "no finite points" }
            let xs = points.map(\.0)
            let ys = points.map(\.1)
            return "\(count(series.thinnedFrom ?? series.y.count, "point")), x from \(number(xs.min()!)) to "
                + "\(number(xs.max()!)), y from \(number(ys.min()!)) to \(number(ys.max()!))"
                + skipped(series.y.count - points.count)
        case .hist:
            guard let tallest = series.y.indices.max(by: { series.y[$0] < series.y[$1] }),
                let low = series.x.first, let high = series.x.last, tallest + 1 < series.x.count
            else { return "no bins" }
            return "\(count(series.y.count, "bin")) from \(number(low)) to \(number(high)), the tallest "
                + "\(number(series.y[tallest])) between \(number(series.x[tallest])) and "
                + "\(number(series.x[tallest + 1]))"
        default:
            let values = (series.values ?? []).flatMap { $0 }.filter(\.isFinite)
            guard let low = values.min(), let high = values.max() else { return "no finite values" }
            let rows = series.values?.count ?? 0
            let columns = series.values?.first?.count ?? 0
            return "\(rows)×\(columns) values from \(number(low)) to \(number(high))"
        }
    }

    private static func skipped(_ count: Int) -> String {
        count > 0 ? " (\(Self.count(count, "point")) not finite, not drawn)" : ""
    }

    private static func count(_ count: Int, _ noun: String) -> String {
        "\(count.grouped) \(noun)\(count == 1 ? "" : "s")"
    }

    /// At most 4 significant digits (C's `%.4g`), with a true minus sign; large and small
    /// numbers as `1.5e6` and `3e−5`.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.4g", value)
        if let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) {
            text = text[..<e] + "e\(exponent)"
        }
        return TickFormat.minus(text)
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
