import NBRuntime

// MARK: - FigureSVG

/// Renders a ``Figure`` as a standalone SVG document that also works inlined in HTML.
///
/// The output is deterministic (the same figure always gives the same bytes), holds only
/// vectors and text, and never contains NaN or an infinity: such data points are skipped.
///
/// Colours and fonts come from the page. Axes, ticks and text use `currentColor`, and
/// text has no font family of its own, so inline in a report the figure takes the
/// report's text colour and font in its light and dark schemes. Opened on its own (a
/// Markdown report's `figure-N.svg`), its stylesheet's `:root` rule gives it a sans-serif
/// font and dark-on-light or light-on-dark colours by `prefers-color-scheme`. The legend's
/// background and the edges between histogram bars are the page's background,
/// `var(--nbrun-figure-bg, var(--bg, Canvas))`. The stylesheet names only
/// the `nbrun-plot` classes and uses no element ids, so figures can share a page.
enum FigureSVG {
    typealias M = FigureMetrics

    static func render(_ figure: Figure) -> String {
        let width = size(figure.size.width, default: Figure.Size.default.width)
        let height = size(figure.size.height, default: Figure.Size.default.height)
        let w = SVGWriter.number(width)
        let h = SVGWriter.number(height)
        var svg = SVGWriter()
        svg.raw(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nbrun-plot\" width=\"\(w)\" height=\"\(h)\" "
                + "viewBox=\"0 0 \(w) \(h)\" role=\"img\">\n")
        svg.element("title", [], content: SVGWriter.text(figure.altText))
        svg.element("desc", [], content: SVGWriter.text(figure.longDescription))
        svg.raw(stylesheet)
        var top = 0.0
        if let title = figure.title {
            top = M.suptitleFont * 1.3 + 8
            svg.element(
                "text",
                [
                    ("x", SVGWriter.number(width / 2)), ("y", SVGWriter.number(M.suptitleFont + 8)),
                    ("font-size", SVGWriter.number(M.suptitleFont)), ("font-weight", "600"),
                    ("text-anchor", "middle"), ("fill", "currentColor")
                ],
                content: SVGWriter.text(title))
        }
        let area = PlotRect(x: 0, y: top, width: width, height: height - top)
        for panel in figure.panels {
            guard let cell = cell(of: panel, in: area) else { continue }
            PanelRenderer(panel: panel, cell: cell).draw(into: &svg)
        }
        svg.raw("</svg>\n")
        return svg.output
    }

    /// The styles of a figure. Selectors are scoped to `svg.nbrun-plot`, because a
    /// stylesheet inside inline SVG applies to the whole page.
    static let stylesheet = """
        <style>
        svg.nbrun-plot{max-width:100%;height:auto;overflow:visible}
        svg.nbrun-plot:root{color-scheme:light dark;color:#1d232a;\
        font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",sans-serif}
        @media (prefers-color-scheme:dark){svg.nbrun-plot:root{color:#e3e6ea}}
        svg.nbrun-plot .nbrun-plot-legend{fill:var(--nbrun-figure-bg,var(--bg,Canvas))}
        svg.nbrun-plot .nbrun-plot-bars{stroke:var(--nbrun-figure-bg,var(--bg,Canvas))}
        </style>

        """

    /// A figure side in pixels: inches × 100, within 1–40 inches.
    private static func size(_ inches: Double, default fallback: Double) -> Double {
        (inches.isFinite && inches > 0 ? min(40, max(1, inches)) : fallback) * M.pixelsPerInch
    }

    /// A panel's cell of the figure's grid; nil for a grid place that does not exist.
    static func cell(of panel: Figure.Panel, in area: PlotRect) -> PlotRect? {
        guard panel.rows > 0, panel.columns > 0, panel.rows <= 50, panel.columns <= 50,
            (1...panel.rows * panel.columns).contains(panel.index)
        else { return nil }
        let row = (panel.index - 1) / panel.columns
        let column = (panel.index - 1) % panel.columns
        let width = area.width / Double(panel.columns)
        let height = area.height / Double(panel.rows)
        return PlotRect(
            x: area.x + Double(column) * width, y: area.y + Double(row) * height, width: width, height: height)
    }
}
