import Foundation
import NBRuntime

// MARK: - Styled markers, bars, error bars, reference lines and text

extension SeriesRenderer {
    /// Pixels per typographic point: matplotlib sizes markers and text in points.
    static let pixelsPerPoint = FigureMetrics.pixelsPerInch / 72

    /// A scatter with matplotlib's `c=`, `s=`, `marker=` or `alpha=`: each point in its own
    /// colour (its value through the colour map) and size, points of one colour and size
    /// drawn as one path.
    func drawStyledMarkers(_ series: Figure.Series, color: String, into svg: inout SVGWriter) {
        let style = series.style
        let colors = style.colorValues.map { values -> [String?] in
            let (low, high) = Self.range(values, vmin: series.vmin, vmax: series.vmax)
            return values.map { value in
                value.isFinite ? PlotColors.colormap(style.cmap, high > low ? (value - low) / (high - low) : 0) : nil
            }
        }
        let marker = style.marker ?? "o"
        var groups: [String: [PlotPoint]] = [:]
        var order: [String] = []
        for (index, point) in points(of: series).enumerated() {
            guard let point else { continue }
            let fill: String? = colors.map { index < $0.count ? $0[index] : nil } ?? color
            guard let fill else { continue }
            let area = style.sizes.map { $0.count == 1 ? $0[0] : index < $0.count ? $0[index] : 36 } ?? 36
            guard area.isFinite, area > 0 else { continue }
            let radius = sqrt(area) / 2 * Self.pixelsPerPoint * (marker == "." ? 0.5 : 1)
            guard layout.plot.insetBy(-radius, -radius).contains(point) else { continue }
            let key = fill + " " + SVGWriter.number(radius)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(point)
        }
        for key in order {
            let parts = key.split(separator: " ")
            let fill = String(parts[0])
            let radius = Double(parts[1]) ?? FigureMetrics.markerRadius
            var attributes = Self.markerAttributes(marker, points: groups[key] ?? [], radius: radius, color: fill)
            if let alpha = style.alpha { attributes.append(("opacity", SVGWriter.number(alpha))) }
            svg.element("path", attributes)
        }
    }

    /// One path of markers: filled shapes, or strokes for `x` and `+`.
    private static func markerAttributes(_ marker: String, points: [PlotPoint], radius r: Double, color: String)
        -> [(String, String)]
    {
        let n = SVGWriter.number
        let d: String
        switch marker {
        case "s":
            d = points.map { "M\(n($0.x - r)) \(n($0.y - r))h\(n(2 * r))v\(n(2 * r))h\(n(-2 * r))z" }.joined()
        case "^":
            d = points.map { "M\(n($0.x)) \(n($0.y - r))l\(n(r)) \(n(1.6 * r))h\(n(-2 * r))z" }.joined()
        case "v":
            d = points.map { "M\(n($0.x)) \(n($0.y + r))l\(n(r)) \(n(-1.6 * r))h\(n(-2 * r))z" }.joined()
        case "D", "d":
            d = points.map { "M\(n($0.x)) \(n($0.y - r))l\(n(r)) \(n(r))l\(n(-r)) \(n(r))l\(n(-r)) \(n(-r))z" }.joined()
        case "x":
            let path = points.map {
                "M\(n($0.x - r)) \(n($0.y - r))l\(n(2 * r)) \(n(2 * r))M\(n($0.x - r)) \(n($0.y + r))l\(n(2 * r)) \(n(-2 * r))"
            }.joined()
            return [("d", path), ("fill", "none"), ("stroke", color), ("stroke-width", "1.5")]
        case "+":
            let path = points.map {
                "M\(n($0.x - r)) \(n($0.y))h\(n(2 * r))M\(n($0.x)) \(n($0.y - r))v\(n(2 * r))"
            }.joined()
            return [("d", path), ("fill", "none"), ("stroke", color), ("stroke-width", "1.5")]
        default:
            d = points.map {
                "M\(n($0.x - r)) \(n($0.y))a\(n(r)) \(n(r)) 0 1 0 \(n(2 * r)) 0a\(n(r)) \(n(r)) 0 1 0 -\(n(2 * r)) 0"
            }.joined()
        }
        return [("d", d), ("fill", color)]
    }

    /// The two ends of a colour map: `vmin`/`vmax` where given, else the finite data's own.
    static func range(_ values: [Double], vmin: Double?, vmax: Double?) -> (Double, Double) {
        let finite = values.filter(\.isFinite)
        return (vmin ?? finite.min() ?? 0, vmax ?? finite.max() ?? 1)
    }

    /// Bars (`plt.bar`), error bars, reference lines and text.
    func drawMark(_ series: Figure.Series, color: String, into svg: inout SVGWriter) {
        let opacity = series.style.alpha.map { [("opacity", SVGWriter.number($0))] } ?? []
        switch series.kind {
        case .bar:
            let path = columnBars(of: series).map { rect in
                "M\(SVGWriter.number(rect.x)) \(SVGWriter.number(rect.y))h\(SVGWriter.number(rect.width))"
                    + "v\(SVGWriter.number(rect.height))h\(SVGWriter.number(-rect.width))z"
            }.joined()
            if !path.isEmpty {
                svg.element("path", [("class", "nbrun-plot-bars"), ("d", path), ("fill", color)] + opacity)
            }
        case .errorbar:
            drawErrorBars(series, color: color, opacity: opacity, into: &svg)
        case .hline, .vline:
            drawReferenceLine(series, color: color, opacity: opacity, into: &svg)
        case .text:
            drawText(series, color: color, into: &svg)
        default:
            break
        }
    }

    /// Each bar of `plt.bar` as a rectangle from zero to its height, cut to the axes.
    func columnBars(of series: Figure.Series) -> [PlotRect] {
        let half = (series.style.width ?? 0.8) / 2
        return zip(series.x, series.y).compactMap { x, height in
            guard let a = layout.point(x - half, 0, views: views), let b = layout.point(x + half, height, views: views)
            else { return nil }
            return clamped(a, b)
        }
    }

    private func drawErrorBars(
        _ series: Figure.Series, color: String, opacity: [(String, String)], into svg: inout SVGWriter
    ) {
        var d = ""
        let n = SVGWriter.number
        for (index, (x, y)) in zip(series.x, series.y).enumerated() {
            func half(_ errors: [Double]?) -> Double {
                guard let errors, !errors.isEmpty else { return 0 }
                return errors.count == 1 ? errors[0] : index < errors.count ? errors[index] : 0
            }
            let (dy, dx) = (half(series.style.yerr), half(series.style.xerr))
            if dy > 0, let a = layout.point(x, y - dy, views: views), let b = layout.point(x, y + dy, views: views) {
                d += "M\(n(a.x)) \(n(a.y))L\(n(b.x)) \(n(b.y))"
            }
            if dx > 0, let a = layout.point(x - dx, y, views: views), let b = layout.point(x + dx, y, views: views) {
                d += "M\(n(a.x)) \(n(a.y))L\(n(b.x)) \(n(b.y))"
            }
        }
        if !d.isEmpty {
            svg.element("path", [("d", d), ("fill", "none"), ("stroke", color), ("stroke-width", "1.5")] + opacity)
        }
        // The points: joined by a line unless `fmt` names only a marker ("o"), and marked if it names one.
        let fmt = series.style.marker ?? "-"
        if fmt.contains(where: { "o.sD^v".contains($0) }) {
            let inside = points(of: series).compactMap { $0 }.filter(layout.plot.contains)
            if !inside.isEmpty { drawDots(inside, radius: FigureMetrics.markerRadius, color: color, into: &svg) }
        }
        let clipper = LineClipper(bounds: layout.plot.insetBy(-FigureMetrics.lineWidth, -FigureMetrics.lineWidth))
        let (runs, _) = clipper.clip(points(of: series))
        if fmt.contains("-") || fmt.contains(":"), !runs.isEmpty {
            svg.element(
                "path",
                [
                    ("d", SVGWriter.path(runs)), ("fill", "none"), ("stroke", color),
                    ("stroke-width", SVGWriter.number(FigureMetrics.lineWidth)), ("stroke-linejoin", "round")
                ] + opacity)
        }
    }

    /// `axhline`/`axvline`: a line across the axes (or the fraction `span` of them) at a data value.
    private func drawReferenceLine(
        _ series: Figure.Series, color: String, opacity: [(String, String)], into svg: inout SVGWriter
    ) {
        let plot = layout.plot
        let span = series.style.span ?? [0, 1]
        guard span.count == 2 else { return }
        let n = SVGWriter.number
        let d: String
        if series.kind == .hline {
            guard let value = series.y.first, let f = views.y.fraction(value), (0...1).contains(f) else { return }
            let y = plot.maxY - f * plot.height
            d = "M\(n(plot.x + span[0] * plot.width)) \(n(y))H\(n(plot.x + span[1] * plot.width))"
        } else {
            guard let value = series.x.first, let f = views.x.fraction(value), (0...1).contains(f) else { return }
            let x = plot.x + f * plot.width
            d = "M\(n(x)) \(n(plot.maxY - span[0] * plot.height))V\(n(plot.maxY - span[1] * plot.height))"
        }
        var attributes = [("d", d), ("stroke", color), ("stroke-width", "1.5")]
        if series.style.marker == "--" { attributes.append(("stroke-dasharray", "6 4")) }
        if series.style.marker == ":" { attributes.append(("stroke-dasharray", "2 3")) }
        svg.element("path", attributes + opacity)
    }

    /// `plt.text` at a data point, and `plt.annotate` with its arrow to the point annotated.
    private func drawText(_ series: Figure.Series, color: String, into svg: inout SVGWriter) {
        guard let words = series.style.text, let x = series.x.first, let y = series.y.first,
            let at = layout.point(x, y, views: views)
        else { return }
        let n = SVGWriter.number
        if let target = series.style.arrowTo, target.count == 2,
            let to = layout.point(target[0], target[1], views: views)
        {
            let (dx, dy) = (to.x - at.x, to.y - at.y)
            let length = (dx * dx + dy * dy).squareRoot()
            if length > 8 {
                let (ux, uy) = (dx / length, dy / length)
                let start = PlotPoint(x: at.x + ux * 6, y: at.y + uy * 6)
                let head = [
                    PlotPoint(x: to.x - ux * 8 - uy * 4, y: to.y - uy * 8 + ux * 4), to,
                    PlotPoint(x: to.x - ux * 8 + uy * 4, y: to.y - uy * 8 - ux * 4)
                ]
                svg.element(
                    "path",
                    [
                        ("d", "M\(n(start.x)) \(n(start.y))L\(n(to.x)) \(n(to.y))" + SVGWriter.path([head])),
                        ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1")
                    ])
            }
        }
        let anchor =
            switch series.style.horizontalAlignment {
            case "center", "centre": "middle"
            case "right": "end"
            default: "start"
            }
        let size = (series.style.fontSize ?? 10) * Self.pixelsPerPoint
        let fill = PlotColors.color(named: series.color) ?? "currentColor"
        svg.element(
            "text",
            [
                ("x", n(at.x)), ("y", n(at.y)), ("font-size", n(size)), ("text-anchor", anchor), ("fill", fill)
            ], content: SVGWriter.text(words))
    }
}
