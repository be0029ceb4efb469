import NBRuntime

// MARK: - Sizes

/// The figure's fixed sizes, in SVG user units (pixels at 100% zoom).
enum FigureMetrics {
    /// matplotlib's default 6.4 × 4.8 inch figure becomes 640 × 480.
    static let pixelsPerInch = 100.0
    static let tickFont = 12.0
    static let labelFont = 13.0
    static let titleFont = 14.0
    static let suptitleFont = 16.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    static let gap = 4.0
    static let lineWidth = 2.0
    static let markerRadius = 3.0
    static let colorBarWidth = 14.0
    static let colorBarGap = 14.0
    /// The least room per tick interval (matplotlib: three label heights across, two up).
    static let xTickSpacing = 40.0
    static let yTickSpacing = 28.0
}

// MARK: - PanelLayout

/// Where a panel's parts go inside its cell of the figure, and the ticks that fit.
struct PanelLayout {
    /// The axes' area, where the data is drawn.
    var plot: PlotRect
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    /// The colour bar of the panel's last image, if it has one.
    var colorBar: ColorBar?

    struct ColorBar {
        var rect: PlotRect
        var range: (Double, Double)
        var ticks: AxisTicks
        var view: AxisView
    }

    init(panel: Figure.Panel, views: PanelViews, cell: PlotRect) {
        typealias M = FigureMetrics
        let image = panel.series.last { $0.kind == .image && $0.imageExtent != nil }
        let lineHeight = M.tickFont * 1.2
        var top = 10.0 + (panel.title == nil ? 0 : M.titleFont * 1.3 + 4)
        var bottom = 8 + M.tickLength + M.gap + lineHeight + (panel.xlabel == nil ? 0 : M.gap + M.labelFont * 1.3)
        let leftBase = 8 + (panel.ylabel == nil ? 0 : M.labelFont * 1.3 + 4) + M.tickLength + M.gap
        var right = 24.0

        func fitY(height: Double, view: AxisView) -> AxisTicks {
            AxisTicks.fitted(view: view, length: height, minimumSpacing: M.yTickSpacing) { _ in lineHeight }
        }
        func fitX(width: Double) -> AxisTicks {
            AxisTicks.fitted(view: views.x, length: width, minimumSpacing: M.xTickSpacing) {
                TextWidth.of($0, size: M.tickFont)
            }
        }

        // The y axis first: its labels' width decides how wide the x axis is.
        var y = fitY(height: cell.height - top - bottom, view: views.y)
        var colorView: AxisView?
        var color: AxisTicks?
        if let image {
            let range = image.colorRange
            let (low, high) = TickLocator.nonsingular(range.0, range.1, expander: 0.05, tiny: 1e-15)
            colorView = AxisView(scale: .linear, start: low, end: high)
            color = fitY(height: cell.height - top - bottom, view: colorView!)
        }
        if y.corner != nil || color?.corner != nil {
            top += lineHeight + 2
            y = fitY(height: cell.height - top - bottom, view: views.y)
            if let colorView { color = fitY(height: cell.height - top - bottom, view: colorView) }
        }
        if let color {
            let labels = color.labels.map { TextWidth.of($0, size: M.tickFont) }.max() ?? 0
            right = M.colorBarGap + M.colorBarWidth + M.tickLength + M.gap + labels + 10
        }
        let left = leftBase + (y.labels.map { TextWidth.of($0, size: M.tickFont) }.max() ?? 0)
        var x = fitX(width: cell.width - left - right)
        if x.corner != nil, panel.xlabel == nil { bottom += M.gap + lineHeight }

        var plot = PlotRect(
            x: cell.x + left, y: cell.y + top,
            width: max(10, cell.width - left - right), height: max(10, cell.height - top - bottom))
        // Images keep square cells (matplotlib's aspect "equal"): the axes shrink to fit.
        if image != nil, views.x.scale == .linear, views.y.scale == .linear {
            let ratio = abs(views.x.end - views.x.start) / abs(views.y.end - views.y.start)
            if ratio.isFinite, ratio > 0 {
                if plot.width / plot.height > ratio {
                    let width = plot.height * ratio
                    plot.x += (plot.width - width) / 2
                    plot.width = width
                    x = fitX(width: width)
                } else {
                    let height = plot.width / ratio
                    plot.y += (plot.height - height) / 2
                    plot.height = height
                    y = fitY(height: height, view: views.y)
                }
            }
        }
        self.plot = plot
        self.xTicks = x
        self.yTicks = y
        if let image, let colorView {
            let rect = PlotRect(x: plot.maxX + M.colorBarGap, y: plot.y, width: M.colorBarWidth, height: plot.height)
            colorBar = ColorBar(
                rect: rect, range: image.colorRange,
                ticks: fitY(height: plot.height, view: colorView), view: colorView)
        }
    }

    /// The pixel position of data coordinates, or nil if either cannot be shown.
    func point(_ x: Double, _ y: Double, views: PanelViews) -> PlotPoint? {
        guard let fx = views.x.fraction(x), let fy = views.y.fraction(y) else { return nil }
        return PlotPoint(x: plot.x + fx * plot.width, y: plot.maxY - fy * plot.height)
    }
}
