import NBRuntime

// MARK: - PanelRenderer

/// Draws one panel: grid lines, data, the frame with its ticks and labels, the title,
/// the legend and the colour bar.
struct PanelRenderer {
    var panel: Figure.Panel
    var views: PanelViews
    var layout: PanelLayout

    typealias M = FigureMetrics

    init(panel: Figure.Panel, cell: PlotRect) {
        self.panel = panel
        views = PanelViews(panel)
        layout = PanelLayout(panel: panel, views: views, cell: cell)
    }

    func draw(into svg: inout SVGWriter) {
        let plot = layout.plot
        let series = SeriesRenderer(layout: layout, views: views)
        let colors = SeriesRenderer.colors(of: panel.series)
        svg.open("g")
        if panel.grid { drawGrid(into: &svg) }
        series.draw(panel.series, colors: colors, into: &svg)
        drawAxes(into: &svg)
        if let title = panel.title {
            text(
                title, at: PlotPoint(x: plot.midX, y: plot.y - (cornerAbove ? M.tickFont * 1.2 + 8 : 8)),
                size: M.titleFont, anchor: "middle", into: &svg, weight: "600")
        }
        if panel.legend {
            let legend = LegendRenderer(series: panel.series, colors: colors)
            if !legend.entries.isEmpty {
                legend.draw(at: legend.place(in: plot, avoiding: series.footprint(of: panel.series)), into: &svg)
            }
        }
        if let bar = layout.colorBar { drawColorBar(bar, into: &svg) }
        svg.close("g")
    }

    /// Whether the y axis (or the colour bar) shows a multiplier above the axes, under the title.
    private var cornerAbove: Bool { layout.yTicks.corner != nil || layout.colorBar?.ticks.corner != nil }

    // MARK: - Frame, ticks and labels

    private func drawGrid(into svg: inout SVGWriter) {
        let plot = layout.plot
        var d = ""
        for tick in layout.xTicks.ticks where tick.major {
            guard let f = views.x.fraction(tick.value) else { continue }
            d +=
                "M\(SVGWriter.number(plot.x + f * plot.width)) \(SVGWriter.number(plot.y))v\(SVGWriter.number(plot.height))"
        }
        for tick in layout.yTicks.ticks where tick.major {
            guard let f = views.y.fraction(tick.value) else { continue }
            d +=
                "M\(SVGWriter.number(plot.x)) \(SVGWriter.number(plot.maxY - f * plot.height))h\(SVGWriter.number(plot.width))"
        }
        if !d.isEmpty {
            svg.element(
                "path", [("d", d), ("stroke", "currentColor"), ("stroke-opacity", "0.15"), ("stroke-width", "1")])
        }
    }

    private func drawAxes(into svg: inout SVGWriter) {
        let plot = layout.plot
        var d =
            "M\(SVGWriter.number(plot.x)) \(SVGWriter.number(plot.y))h\(SVGWriter.number(plot.width))"
            + "v\(SVGWriter.number(plot.height))h\(SVGWriter.number(-plot.width))z"
        for tick in layout.xTicks.ticks {
            guard let f = views.x.fraction(tick.value) else { continue }
            let length = tick.major ? M.tickLength : M.minorTickLength
            d +=
                "M\(SVGWriter.number(plot.x + f * plot.width)) \(SVGWriter.number(plot.maxY))v\(SVGWriter.number(length))"
        }
        for tick in layout.yTicks.ticks {
            guard let f = views.y.fraction(tick.value) else { continue }
            let length = tick.major ? M.tickLength : M.minorTickLength
            d +=
                "M\(SVGWriter.number(plot.x)) \(SVGWriter.number(plot.maxY - f * plot.height))h\(SVGWriter.number(-length))"
        }
        svg.element("path", [("d", d), ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1")])

        // Tick labels.
        let labelY = plot.maxY + M.tickLength + M.gap + M.tickFont * 0.8
        for tick in layout.xTicks.ticks {
            guard let label = tick.label, let f = views.x.fraction(tick.value) else { continue }
            self.label(label, at: PlotPoint(x: plot.x + f * plot.width, y: labelY), anchor: "middle", into: &svg)
        }
        for tick in layout.yTicks.ticks {
            guard let label = tick.label, let f = views.y.fraction(tick.value) else { continue }
            self.label(
                label, at: PlotPoint(x: plot.x - M.tickLength - M.gap, y: plot.maxY - f * plot.height),
                anchor: "end", centred: true, into: &svg)
        }
        // Axis labels and the multipliers or offsets at the axes' ends.
        let xLabelY = labelY + M.tickFont * 0.4 + M.gap + M.labelFont
        if let xlabel = panel.xlabel {
            text(xlabel, at: PlotPoint(x: plot.midX, y: xLabelY), size: M.labelFont, anchor: "middle", into: &svg)
        }
        if let corner = layout.xTicks.corner {
            label(corner, at: PlotPoint(x: plot.maxX, y: xLabelY), anchor: "end", into: &svg)
        }
        if let corner = layout.yTicks.corner {
            label(corner, at: PlotPoint(x: plot.x, y: plot.y - 6), anchor: "start", into: &svg)
        }
        if let ylabel = panel.ylabel {
            let width = layout.yTicks.labels.map { TextWidth.of($0, size: M.tickFont) }.max() ?? 0
            let x = plot.x - M.tickLength - M.gap - width - M.gap - M.labelFont * 0.3
            svg.element(
                "text",
                [
                    ("x", SVGWriter.number(x)), ("y", SVGWriter.number(plot.midY)),
                    ("transform", "rotate(-90 \(SVGWriter.number(x)) \(SVGWriter.number(plot.midY)))"),
                    ("font-size", SVGWriter.number(M.labelFont)), ("text-anchor", "middle"),
                    ("fill", "currentColor")
                ], content: SVGWriter.text(ylabel))
        }
    }

    // MARK: - Colour bar

    private func drawColorBar(_ bar: PanelLayout.ColorBar, into svg: inout SVGWriter) {
        let rect = bar.rect
        let slices = 64
        svg.open("g", [("shape-rendering", "crispEdges")])
        for slice in 0..<slices {
            // Each slice reaches a little into the next, so no hairline shows between them.
            let height = rect.height / Double(slices)
            let y = rect.maxY - Double(slice + 1) * height
            let middle = bar.view.inverse(
                (Double(slice) + 0.5) / Double(slices) * (bar.view.end - bar.view.start) + bar.view.start)
            let fraction = bar.range.1 > bar.range.0 ? (middle - bar.range.0) / (bar.range.1 - bar.range.0) : 0
            svg.element(
                "rect",
                [
                    ("x", SVGWriter.number(rect.x)), ("y", SVGWriter.number(y)),
                    ("width", SVGWriter.number(rect.width)),
                    ("height", SVGWriter.number(height + (slice == slices - 1 ? 0 : 0.5))),
                    ("fill", PlotColors.viridis(fraction))
                ])
        }
        svg.close("g")
        var d =
            "M\(SVGWriter.number(rect.x)) \(SVGWriter.number(rect.y))h\(SVGWriter.number(rect.width))"
            + "v\(SVGWriter.number(rect.height))h\(SVGWriter.number(-rect.width))z"
        for tick in bar.ticks.ticks {
            guard let f = bar.view.fraction(tick.value) else { continue }
            d +=
                "M\(SVGWriter.number(rect.maxX)) \(SVGWriter.number(rect.maxY - f * rect.height))h\(SVGWriter.number(M.tickLength))"
        }
        svg.element("path", [("d", d), ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1")])
        for tick in bar.ticks.ticks {
            guard let label = tick.label, let f = bar.view.fraction(tick.value) else { continue }
            self.label(
                label, at: PlotPoint(x: rect.maxX + M.tickLength + M.gap, y: rect.maxY - f * rect.height),
                anchor: "start", centred: true, into: &svg)
        }
        if let corner = bar.ticks.corner {
            label(corner, at: PlotPoint(x: rect.x, y: rect.y - 6), anchor: "start", into: &svg)
        }
    }

    // MARK: - Text

    private func text(
        _ string: String, at point: PlotPoint, size: Double, anchor: String, into svg: inout SVGWriter,
        weight: String? = nil
    ) {
        var attributes = [
            ("x", SVGWriter.number(point.x)), ("y", SVGWriter.number(point.y)),
            ("font-size", SVGWriter.number(size)), ("text-anchor", anchor), ("fill", "currentColor")
        ]
        if let weight { attributes.append(("font-weight", weight)) }
        svg.element("text", attributes, content: SVGWriter.text(string))
    }

    /// A tick label, its raised runs set smaller and higher. A shift of the baseline lasts
    /// for the text after it, so text after a raised run is shifted back down.
    private func label(
        _ label: TickLabel, at point: PlotPoint, anchor: String, centred: Bool = false,
        into svg: inout SVGWriter
    ) {
        let rise = SVGWriter.number(M.tickFont * 0.45)
        var content = ""
        for (index, run) in label.runs.enumerated() {
            let text = SVGWriter.text(run.text)
            if run.raised {
                content += "<tspan dy=\"-\(rise)\" font-size=\"\(SVGWriter.number(M.tickFont * 0.75))\">\(text)</tspan>"
            } else if index > 0, label.runs[index - 1].raised {
                content += "<tspan dy=\"\(rise)\">\(text)</tspan>"
            } else {
                content += text
            }
        }
        var attributes = [
            ("x", SVGWriter.number(point.x)), ("y", SVGWriter.number(point.y)),
            ("font-size", SVGWriter.number(M.tickFont)), ("text-anchor", anchor), ("fill", "currentColor")
        ]
        if centred { attributes.append(("dy", "0.35em")) }
        svg.element("text", attributes, content: content)
    }
}
