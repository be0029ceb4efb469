import NBRuntime

// MARK: - The views of a panel

/// What a panel's data asks of its axes: the values to cover, the edges margins stop
/// at, and whether an image turns an axis around.
struct PanelViews {
    var x: AxisView
    var y: AxisView

    init(_ panel: Figure.Panel) {
        var xs: [Double] = []
        var ys: [Double] = []
        var xSticky: [Double] = []
        var ySticky: [Double] = []
        var xInverted = false
        var yInverted = false
        for series in panel.series {
            switch series.kind {
            case .line, .scatter:
                // Only points with both coordinates count, as only they are drawn.
                for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite {
                    xs.append(x)
                    ys.append(y)
                }
            case .bar, .errorbar, .contour, .contourf, .hline, .vline, .text:
                let extent = series.dataExtent
                xs += extent.xs
                ys += extent.ys
                xSticky += extent.xSticky
                ySticky += extent.ySticky
            case .hist:
                for (index, count) in series.y.enumerated() where index + 1 < series.x.count && count > 0 {
                    xs += [series.x[index], series.x[index + 1]]
                    ys.append(count)
                }
                if let first = series.x.first, let last = series.x.last { xs += [first, last] }
                ys.append(0)
                ySticky.append(0)  // bars stand on zero, with no margin below
            case .image:
                guard let extent = series.imageExtent else { continue }
                xs += [extent[0], extent[1]]
                ys += [extent[2], extent[3]]
                xSticky += [extent[0], extent[1]]
                ySticky += [extent[2], extent[3]]
                xInverted = extent[0] > extent[1]
                yInverted = extent[2] > extent[3]
            }
        }
        x = AxisView.autoscaled(scale: panel.xscale, data: xs, sticky: xSticky, limits: panel.xlim, inverted: xInverted)
        y = AxisView.autoscaled(scale: panel.yscale, data: ys, sticky: ySticky, limits: panel.ylim, inverted: yInverted)
    }
}

extension Figure.Series {
    /// An image's `[left, right, bottom, top]`: its own, or matplotlib's default with
    /// cell centres at whole numbers; nil for an empty image or one with a non-finite edge.
    var imageExtent: [Double]? {
        guard let values, let columns = values.first?.count, columns > 0 else { return nil }
        let extent = extent ?? Figure.defaultExtent(rows: values.count, columns: columns, origin: origin ?? .upper)
        guard extent.count == 4, extent.allSatisfy(\.isFinite) else { return nil }
        return extent
    }

    /// The data values at the two ends of an image's colour map. Like an axis, the map
    /// ignores magnitudes beyond 10³⁰⁰, whose differences would overflow.
    var colorRange: (Double, Double) {
        let usable = { (value: Double) in value.isFinite && abs(value) <= AxisView.largestFinite }
        let data = (values ?? []).lazy.flatMap { $0 }.filter(usable)
        let low = vmin.flatMap { usable($0) ? $0 : nil } ?? data.min() ?? 0
        let high = vmax.flatMap { usable($0) ? $0 : nil } ?? data.max() ?? 1
        return (low, high)
    }
}
