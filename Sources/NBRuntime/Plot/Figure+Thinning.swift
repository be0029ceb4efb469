import Foundation

// MARK: - Thinning

/// Long series are thinned when a figure is finished, to what a reader can see in a
/// figure a few hundred pixels wide, so that a plot of 100,000 points stays a small
/// report. A thinned series says so in ``Figure/Series/thinnedFrom``.
extension Figure {
    /// Lines with more points than this are thinned (to at most this many).
    static let maxLinePoints = 5_000
    /// The number of columns a long line is cut into; each keeps at most five points.
    static let lineBuckets = 1_000
    /// Scatter plots with more points than this are thinned to one point per grid cell.
    static let maxScatterPoints = 5_000
    static let scatterGrid = 128
    /// Images with more rows or columns than this are averaged down in blocks.
    static let maxImageSide = 400

    /// The figure with every long series thinned.
    func thinnedForDisplay() -> Figure {
        var figure = self
        for p in figure.panels.indices {
            let panel = figure.panels[p]
            figure.panels[p].series = panel.series.map { series in
                switch series.kind {
                case .line where series.y.count > Self.maxLinePoints:
                    return Self.thinLine(series, xscale: panel.xscale)
                case .scatter where series.y.count > Self.maxScatterPoints:
                    return Self.thinScatter(series, xscale: panel.xscale, yscale: panel.yscale)
                case .image, .contour, .contourf:
                    return Self.thinImage(series)
                default:
                    return series
                }
            }
        }
        return figure
    }

    // MARK: - Lines

    /// Cuts the line into columns and keeps, in each, its first and last point, its lowest
    /// and highest point, and its first non-finite point (so a gap stays a gap). Drawn at
    /// a width of up to `lineBuckets` pixels, the thinned line looks like the full one.
    ///
    /// Columns are ranges of x when x only grows (in log space on a log axis), and ranges
    /// of the index otherwise.
    static func thinLine(_ series: Series, xscale: Scale) -> Series {
        let n = series.y.count
        let key = lineBucketKey(series.x, xscale: xscale)
        var keep: [Int] = []
        keep.reserveCapacity(5 * lineBuckets)
        var start = 0
        while start < n {
            var end = start + 1
            let bucket = key(start)
            while end < n, key(end) == bucket { end += 1 }
            var low: Int?
            var high: Int?
            var gap: Int?
            for i in start..<end {
                let value = series.y[i]
                guard value.isFinite, series.x[i].isFinite else {
                    if gap == nil { gap = i }
                    continue
                }
                if low.map({ value < series.y[$0] }) ?? true { low = i }
                if high.map({ value > series.y[$0] }) ?? true { high = i }
            }
            let chosen = [start, end - 1, low, high, gap].compactMap { $0 }
            keep += Set(chosen).sorted()
            start = end
        }
        var thinned = series
        thinned.x = keep.map { series.x[$0] }
        thinned.y = keep.map { series.y[$0] }
        thinned.thinnedFrom = series.thinnedFrom ?? n
        return thinned
    }

    /// The column of each point: by x when x is finite and never decreases, else by index.
    private static func lineBucketKey(_ x: [Double], xscale: Scale) -> (Int) -> Int {
        let n = x.count
        let byIndex: (Int) -> Int = { $0 * lineBuckets / n }
        let logarithmic = xscale == .log
        let t: (Double) -> Double = logarithmic ? { log10($0) } : { $0 }
        guard let first = x.first, let last = x.last,
            x.allSatisfy({ $0.isFinite && (!logarithmic || $0 > 0) }),
            zip(x, x.dropFirst()).allSatisfy({ $0 <= $1 }), t(last) > t(first)
        else { return byIndex }
        let low = t(first)
        let width = t(last) - low
        return { i in min(lineBuckets - 1, Int((t(x[i]) - low) / width * Double(lineBuckets))) }
    }

    // MARK: - Scatter plots

    /// Keeps the first point in each cell of a `scatterGrid`² grid over the data (a marker
    /// is wider than a cell). Non-finite points, which are never drawn, are dropped.
    static func thinScatter(_ series: Series, xscale: Scale, yscale: Scale) -> Series {
        func transformed(_ values: [Double], _ scale: Scale) -> [Double] {
            scale == .log ? values.map { $0 > 0 ? log10($0) : .nan } : values
        }
        let tx = transformed(series.x, xscale)
        let ty = transformed(series.y, yscale)
        let finite = tx.indices.filter { tx[$0].isFinite && ty[$0].isFinite }
        guard let x0 = finite.map({ tx[$0] }).min(), let x1 = finite.map({ tx[$0] }).max(),
            let y0 = finite.map({ ty[$0] }).min(), let y1 = finite.map({ ty[$0] }).max()
        else { return series }
        let g = Double(scatterGrid)
        func cell(_ value: Double, _ low: Double, _ high: Double) -> Int {
            high > low ? min(scatterGrid - 1, Int((value - low) / (high - low) * g)) : 0
        }
        // A point coloured by its own value (`c=`) keeps its colour: one point per cell and colour.
        let colors = series.style.colorValues?.count == series.y.count ? series.style.colorValues : nil
        var seen = Set<[Double]>()
        let keep = finite.filter { index in
            let place = Double(cell(tx[index], x0, x1) * scatterGrid + cell(ty[index], y0, y1))
            return seen.insert([place, colors?[index] ?? 0]).inserted
        }
        var thinned = series
        thinned.x = keep.map { series.x[$0] }
        thinned.y = keep.map { series.y[$0] }
        if let colors { thinned.style.colorValues = keep.map { colors[$0] } }
        if let sizes = series.style.sizes, sizes.count == series.y.count {
            thinned.style.sizes = keep.map { sizes[$0] }
        }
        thinned.thinnedFrom = series.thinnedFrom ?? series.y.count
        return thinned
    }

    // MARK: - Images

    /// Averages blocks of cells (ignoring NaN) so that no side exceeds `maxImageSide`. The
    /// extent and the colour range stay those of the full image, so axes and colour bar
    /// read the same.
    static func thinImage(_ series: Series) -> Series {
        guard let values = series.values, let columns = values.first?.count else { return series }
        let rows = values.count
        guard rows > maxImageSide || columns > maxImageSide else { return series }
        let rowStep = (rows + maxImageSide - 1) / maxImageSide
        let columnStep = (columns + maxImageSide - 1) / maxImageSide
        var pooled: [[Double]] = []
        for top in stride(from: 0, to: rows, by: rowStep) {
            var row: [Double] = []
            for left in stride(from: 0, to: columns, by: columnStep) {
                var sum = 0.0
                var count = 0
                for r in top..<min(rows, top + rowStep) {
                    for c in left..<min(columns, left + columnStep) where values[r][c].isFinite {
                        sum += values[r][c]
                        count += 1
                    }
                }
                row.append(count > 0 ? sum / Double(count) : .nan)
            }
            pooled.append(row)
        }
        let finite = values.lazy.flatMap { $0 }.filter { $0.isFinite }
        var thinned = series
        thinned.values = pooled
        thinned.vmin = series.vmin ?? finite.min()
        thinned.vmax = series.vmax ?? finite.max()
        thinned.extent = series.extent ?? defaultExtent(rows: rows, columns: columns, origin: series.origin ?? .upper)
        thinned.thinnedFrom = series.thinnedFrom ?? rows * columns
        return thinned
    }

    /// matplotlib's extent for an image drawn with cell centres at whole numbers.
    public static func defaultExtent(rows: Int, columns: Int, origin: Origin) -> [Double] {
        let bottom = Double(rows) - 0.5
        let top = -0.5
        return origin == .upper
            ? [-0.5, Double(columns) - 0.5, bottom, top]
            : [-0.5, Double(columns) - 0.5, top, bottom]
    }
}
