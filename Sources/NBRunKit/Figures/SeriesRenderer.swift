import NBRuntime

// MARK: - SeriesRenderer

/// Draws a panel's series inside its axes: images, then bars, lines and markers.
struct SeriesRenderer {
    var layout: PanelLayout
    var views: PanelViews

    typealias M = FigureMetrics

    /// Each series' colour: the one it names, else the next of the cycle (a series with a
    /// colour of its own, or an image, does not advance the cycle, as in matplotlib).
    static func colors(of series: [Figure.Series]) -> [String] {
        var next = 0
        return series.map { series in
            guard series.kind.takesCycleColor, series.style.colorValues == nil || series.kind != .scatter else {
                return PlotColors.color(named: series.color) ?? PlotColors.cycle[0]
            }
            if let named = PlotColors.color(named: series.color) { return named }
            defer { next += 1 }
            return PlotColors.cycle[next % PlotColors.cycle.count]
        }
    }

    func draw(_ series: [Figure.Series], colors: [String], into svg: inout SVGWriter) {
        let order: [Figure.Kind] = [
            .image, .contourf, .contour, .hist, .bar, .line, .errorbar, .scatter, .hline, .vline, .text
        ]
        let histograms = series.filter { $0.kind == .hist }.count
        for kind in order {
            for (item, color) in zip(series, colors) where item.kind == kind {
                switch kind {
                case .image: drawImage(item, into: &svg)
                case .hist: drawBars(item, color: color, translucent: histograms > 1, into: &svg)
                case .line: drawLine(item, color: color, into: &svg)
                case .scatter where !item.style.isEmpty: drawStyledMarkers(item, color: color, into: &svg)
                case .scatter: drawMarkers(item, color: color, into: &svg)
                case .bar, .errorbar, .hline, .vline, .text: drawMark(item, color: color, into: &svg)
                case .contour, .contourf: drawContours(item, into: &svg)
                }
            }
        }
    }

    /// The pixel positions of a line or scatter series (nil where a point is not drawn).
    func points(of series: Figure.Series) -> [PlotPoint?] {
        zip(series.x, series.y).map { layout.point($0, $1, views: views) }
    }

    /// Where the series lie, for placing a legend away from them.
    func footprint(of series: [Figure.Series]) -> LegendRenderer.Footprint {
        var footprint = LegendRenderer.Footprint()
        for item in series {
            switch item.kind {
            case .line, .scatter:
                let points = points(of: item)
                footprint.points += points.compactMap { $0 }
                if item.kind == .line {
                    for (a, b) in zip(points, points.dropFirst()) {
                        if let a, let b { footprint.segments.append((a, b)) }
                    }
                }
            case .hist:
                footprint.boxes += bars(of: item)
            case .bar:
                footprint.boxes += columnBars(of: item)
            case .errorbar:
                footprint.points += points(of: item).compactMap { $0 }
            case .image, .contour, .contourf, .hline, .vline, .text:
                break
            }
        }
        return footprint
    }

    // MARK: - Lines and markers

    private func drawLine(_ series: Figure.Series, color: String, into svg: inout SVGWriter) {
        let clipper = LineClipper(bounds: layout.plot.insetBy(-M.lineWidth, -M.lineWidth))
        let (runs, dots) = clipper.clip(points(of: series))
        if !runs.isEmpty {
            svg.element(
                "path",
                [
                    ("d", SVGWriter.path(runs)), ("fill", "none"), ("stroke", color),
                    ("stroke-width", SVGWriter.number(M.lineWidth)), ("stroke-linejoin", "round"),
                    ("stroke-linecap", "round")
                ])
        }
        if !dots.isEmpty { drawDots(dots, radius: M.lineWidth * 1.25, color: color, into: &svg) }
    }

    private func drawMarkers(_ series: Figure.Series, color: String, into svg: inout SVGWriter) {
        let bounds = layout.plot.insetBy(-M.markerRadius, -M.markerRadius)
        let inside = points(of: series).compactMap { $0 }.filter(bounds.contains)
        if !inside.isEmpty { drawDots(inside, radius: M.markerRadius, color: color, into: &svg) }
    }

    /// Circles as one path of arcs, which is far smaller than one element per point.
    func drawDots(_ points: [PlotPoint], radius: Double, color: String, into svg: inout SVGWriter) {
        let r = SVGWriter.number(radius)
        let d = SVGWriter.number(2 * radius)
        let path = points.map { point in
            "M\(SVGWriter.number(point.x - radius)) \(SVGWriter.number(point.y))a\(r) \(r) 0 1 0 \(d) 0a\(r) \(r) 0 1 0 -\(d) 0"
        }.joined()
        svg.element("path", [("d", path), ("fill", color)])
    }

    // MARK: - Bars

    /// Each bar's rectangle, cut to the axes; bars stand on zero (the bottom of a log axis).
    func bars(of series: Figure.Series) -> [PlotRect] {
        let base = views.y.scale == .log ? views.y.low : 0
        return series.y.indices.compactMap { index in
            let count = series.y[index]
            guard index + 1 < series.x.count, count > 0,
                let a = layout.point(series.x[index], base, views: views),
                let b = layout.point(series.x[index + 1], count, views: views)
            else { return nil }
            return clamped(a, b)
        }
    }

    private func drawBars(_ series: Figure.Series, color: String, translucent: Bool, into svg: inout SVGWriter) {
        let path = bars(of: series).map { rect in
            "M\(SVGWriter.number(rect.x)) \(SVGWriter.number(rect.y))h\(SVGWriter.number(rect.width))"
                + "v\(SVGWriter.number(rect.height))h\(SVGWriter.number(-rect.width))z"
        }.joined()
        guard !path.isEmpty else { return }
        // Edges in the page's background colour keep neighbouring bars apart.
        var attributes = [
            ("class", "nbrun-plot-bars"), ("d", path), ("fill", color),
            ("stroke", "#ffffff"), ("stroke-width", "0.8")
        ]
        if translucent { attributes.append(("fill-opacity", "0.6")) }
        svg.element("path", attributes)
    }

    /// The rectangle between two corners, cut to the axes; nil if nothing of it shows.
    func clamped(_ a: PlotPoint, _ b: PlotPoint) -> PlotRect? {
        let plot = layout.plot
        let x0 = max(plot.x, min(a.x, b.x))
        let x1 = min(plot.maxX, max(a.x, b.x))
        let y0 = max(plot.y, min(a.y, b.y))
        let y1 = min(plot.maxY, max(a.y, b.y))
        guard x1 > x0, y1 > y0 else { return nil }
        return PlotRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    // MARK: - Images

    /// One rectangle per run of equally coloured cells in a row; NaN cells stay empty.
    private func drawImage(_ series: Figure.Series, into svg: inout SVGWriter) {
        guard let values = series.values, let extent = series.imageExtent, let columns = values.first?.count else {
            return
        }
        let rows = values.count
        let (low, high) = series.colorRange
        let cellWidth = (extent[1] - extent[0]) / Double(columns)
        // Row 0 lies at the top edge of the extent for origin "upper", at the bottom for "lower".
        let (firstEdge, lastEdge) =
            (series.origin ?? .upper) == .upper ? (extent[3], extent[2]) : (extent[2], extent[3])
        let cellHeight = (lastEdge - firstEdge) / Double(rows)
        svg.open("g", [("shape-rendering", "crispEdges")])
        for (r, row) in values.enumerated() {
            var column = 0
            let count = min(columns, row.count)  // a description decoded from elsewhere may be ragged
            while column < count {
                let value = row[column]
                guard value.isFinite else {
                    column += 1
                    continue
                }
                let fill = PlotColors.viridis(high > low ? (value - low) / (high - low) : 0)
                var end = column + 1
                while end < count, row[end].isFinite,
                    PlotColors.viridis(high > low ? (row[end] - low) / (high - low) : 0) == fill
                { end += 1 }
                let a = layout.point(
                    extent[0] + Double(column) * cellWidth, firstEdge + Double(r) * cellHeight, views: views)
                let b = layout.point(
                    extent[0] + Double(end) * cellWidth, firstEdge + Double(r + 1) * cellHeight, views: views)
                if let a, let b, let rect = clamped(a, b) {
                    svg.element(
                        "rect",
                        [
                            ("x", SVGWriter.number(rect.x)), ("y", SVGWriter.number(rect.y)),
                            ("width", SVGWriter.number(rect.width)),
                            ("height", SVGWriter.number(rect.height)), ("fill", fill)
                        ])
                }
                column = end
            }
        }
        svg.close("g")
    }
}
