import NBRuntime

// MARK: - LegendRenderer

/// A panel's legend: one row per labelled series, placed where it covers the least data.
struct LegendRenderer {
    struct Entry: Equatable {
        var label: String
        var kind: Figure.Kind
        var color: String
    }

    var entries: [Entry]

    typealias M = FigureMetrics
    static let rowHeight = 18.0
    static let padding = 7.0
    static let glyphWidth = 22.0
    static let inset = 8.0

    /// The series that have labels (matplotlib leaves out labels starting with `_`); images have no entry.
    init(series: [Figure.Series], colors: [String]) {
        entries = zip(series, colors).compactMap { series, color in
            guard series.kind.takesCycleColor, let label = series.label, !label.isEmpty, !label.hasPrefix("_") else {
                return nil
            }
            return Entry(label: label, kind: series.kind, color: color)
        }
    }

    var size: (width: Double, height: Double) {
        let text = entries.map { TextWidth.of($0.label, size: M.tickFont) }.max() ?? 0
        return (
            2 * Self.padding + Self.glyphWidth + 6 + text, 2 * Self.padding + Double(entries.count) * Self.rowHeight - 4
        )
    }

    // MARK: - Placement

    /// What the legend should not cover, in pixels.
    struct Footprint {
        var points: [PlotPoint] = []
        var segments: [(PlotPoint, PlotPoint)] = []
        var boxes: [PlotRect] = []
    }

    /// matplotlib's "best" location: of the nine places along the edges and in the middle,
    /// the one over the fewest data points, line segments and bars; the first in
    /// matplotlib's order (upper right, upper left, lower left, …) wins a tie.
    func place(in plot: PlotRect, avoiding footprint: Footprint) -> PlotRect {
        let (width, height) = size
        let inner = plot.insetBy(Self.inset, Self.inset)
        let xs = (left: inner.x, center: inner.midX - width / 2, right: inner.maxX - width)
        let ys = (top: inner.y, center: inner.midY - height / 2, bottom: inner.maxY - height)
        let candidates = [
            (xs.right, ys.top), (xs.left, ys.top), (xs.left, ys.bottom), (xs.right, ys.bottom),
            (xs.right, ys.center), (xs.left, ys.center), (xs.center, ys.bottom), (xs.center, ys.top),
            (xs.center, ys.center)
        ].map { PlotRect(x: $0.0, y: $0.1, width: width, height: height) }
        var best = candidates[0]
        var fewest = Int.max
        for box in candidates {
            let clipper = LineClipper(bounds: box)
            let covered =
                footprint.points.filter(box.contains).count
                + footprint.segments.filter { clipper.segment($0.0, $0.1) != nil }.count
                + footprint.boxes.filter(box.intersects).count
            if covered < fewest {
                (best, fewest) = (box, covered)
            }
        }
        return best
    }

    // MARK: - Drawing

    func draw(at box: PlotRect, into svg: inout SVGWriter) {
        svg.open("g", [("font-size", SVGWriter.number(M.tickFont))])
        svg.element(
            "rect",
            [
                ("class", "nbrun-plot-legend"), ("x", SVGWriter.number(box.x)), ("y", SVGWriter.number(box.y)),
                ("width", SVGWriter.number(box.width)), ("height", SVGWriter.number(box.height)),
                ("rx", "3"), ("fill", "#ffffff"), ("fill-opacity", "0.85"),
                ("stroke", "currentColor"), ("stroke-opacity", "0.25")
            ])
        for (row, entry) in entries.enumerated() {
            let middle = box.y + Self.padding + Double(row) * Self.rowHeight + (Self.rowHeight - 4) / 2
            let glyphX = box.x + Self.padding
            switch entry.kind {
            case .line, .errorbar, .hline, .vline, .contour:
                svg.element(
                    "path",
                    [
                        (
                            "d",
                            "M\(SVGWriter.number(glyphX)) \(SVGWriter.number(middle))h\(SVGWriter.number(Self.glyphWidth))"
                        ),
                        ("stroke", entry.color), ("stroke-width", SVGWriter.number(M.lineWidth))
                    ])
            case .scatter:
                svg.element(
                    "circle",
                    [
                        ("cx", SVGWriter.number(glyphX + Self.glyphWidth / 2)), ("cy", SVGWriter.number(middle)),
                        ("r", SVGWriter.number(M.markerRadius + 0.5)), ("fill", entry.color)
                    ])
            case .hist, .image, .bar, .contourf, .text:
                svg.element(
                    "rect",
                    [
                        ("x", SVGWriter.number(glyphX + 3)), ("y", SVGWriter.number(middle - 5)),
                        ("width", SVGWriter.number(Self.glyphWidth - 6)), ("height", "10"),
                        ("fill", entry.color)
                    ])
            }
            svg.element(
                "text",
                [
                    ("x", SVGWriter.number(glyphX + Self.glyphWidth + 6)), ("y", SVGWriter.number(middle)),
                    ("dy", "0.35em"), ("fill", "currentColor")
                ], content: SVGWriter.text(entry.label))
        }
        svg.close("g")
    }
}
