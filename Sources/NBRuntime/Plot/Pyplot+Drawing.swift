// MARK: - Drawing

extension plt {
    /// Draws `y` against its index (0, 1, 2, …). A 2-D `y` draws one line per column.
    public static func plot<Y: PlotData>(_ y: Y, label: String? = nil, color: String? = nil) {
        let values = y.plotValues
        let rows = values.shape.first ?? 1
        plot(x: ([rows], (0..<rows).map(Double.init)), y: values, label: label, color: color)
    }

    /// Draws `y` against `x`. Several calls draw several lines on the same panel. A 2-D
    /// `y` draws one line per column, as in matplotlib.
    public static func plot<X: PlotData, Y: PlotData>(_ x: X, _ y: Y, label: String? = nil, color: String? = nil) {
        plot(x: x.plotValues, y: y.plotValues, label: label, color: color)
    }

    /// Draws one marker per point (`x[i]`, `y[i]`); both are flattened, as in matplotlib.
    public static func scatter<X: PlotData, Y: PlotData>(_ x: X, _ y: Y, label: String? = nil, color: String? = nil) {
        let xs = x.plotValues
        let ys = y.plotValues
        guard xs.values.count == ys.values.count else {
            plotFailure(PlotText.sizeMismatch("scatter", xs.shape, ys.shape))
        }
        add(Figure.Series(kind: .scatter, label: label, color: color, x: xs.values, y: ys.values))
    }

    /// Draws a histogram of `values` (flattened) in `bins` equal bins over their range,
    /// counted as `np.histogram` counts. Non-finite values are left out.
    public static func hist<V: PlotData>(_ values: V, bins: Int = 10, label: String? = nil, color: String? = nil) {
        guard bins > 0 else { plotFailure(PlotText.bins(bins)) }
        let histogram = Histogram(values.plotValues.values, bins: bins)
        add(Figure.Series(kind: .hist, label: label, color: color, x: histogram.edges, y: histogram.counts))
    }

    /// Draws a histogram of `values` between the given bin edges, which must increase.
    public static func hist<V: PlotData>(_ values: V, bins edges: [Double], label: String? = nil, color: String? = nil)
    {
        guard edges.count >= 2, edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 })
        else { plotFailure(PlotText.binEdges()) }
        let histogram = Histogram(values.plotValues.values, edges: edges)
        add(Figure.Series(kind: .hist, label: label, color: color, x: histogram.edges, y: histogram.counts))
    }

    /// Draws a 2-D tensor as a heat map with a colour bar (viridis). Row 0 is at the top
    /// unless `origin` is `.lower`; `extent` gives the data coordinates of the outer
    /// edges `(left, right, bottom, top)`; `vmin`/`vmax` fix the ends of the colour map.
    public static func imshow<I: PlotData>(
        _ image: I, vmin: Double? = nil, vmax: Double? = nil,
        extent: (Double, Double, Double, Double)? = nil,
        origin: Figure.Origin = .upper
    ) {
        let data = image.plotValues
        guard data.shape.count == 2 else { plotFailure(PlotText.imageShape(data.shape)) }
        let columns = data.shape[1]
        let rows = (0..<data.shape[0]).map { Array(data.values[$0 * columns..<($0 + 1) * columns]) }
        addImage(rows, vmin: vmin, vmax: vmax, extent: extent, origin: origin)
    }

    /// Draws rows of numbers as a heat map, as `imshow` draws a tensor or a nested array.
    public static func imshow<T: PlotScalar>(
        _ rows: [[T]], vmin: Double? = nil, vmax: Double? = nil,
        extent: (Double, Double, Double, Double)? = nil,
        origin: Figure.Origin = .upper
    ) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() where row.count != columns {
            plotFailure(PlotText.raggedImage(row: index, count: row.count, expected: columns))
        }
        addImage(rows.map { $0.map(\.plotValue) }, vmin: vmin, vmax: vmax, extent: extent, origin: origin)
    }

    /// Accepted for ported code; the colour bar of an image is always drawn.
    public static func colorbar() {}

    // MARK: - Helpers

    private static func plot(
        x: (shape: [Int], values: [Double]), y: (shape: [Int], values: [Double]),
        label: String?, color: String?
    ) {
        // numpy's atleast_1d: a scalar is one point.
        let xShape = x.shape.isEmpty ? [1] : x.shape
        let yShape = y.shape.isEmpty ? [1] : y.shape
        guard xShape.count <= 2, yShape.count <= 2 else {
            plotFailure(PlotText.tooManyDimensions("plot", x.shape, y.shape))
        }
        guard xShape[0] == yShape[0] else {
            plotFailure(PlotText.firstDimensionMismatch("plot", x.shape, y.shape))
        }
        let xColumns = columns(x.values, shape: xShape)
        let yColumns = columns(y.values, shape: yShape)
        guard xColumns.count == yColumns.count || xColumns.count == 1 || yColumns.count == 1 else {
            plotFailure("plot: x has \(xColumns.count) columns but y has \(yColumns.count) columns")
        }
        for column in 0..<max(xColumns.count, yColumns.count) {
            add(
                Figure.Series(
                    kind: .line, label: label, color: color,
                    x: xColumns[min(column, xColumns.count - 1)],
                    y: yColumns[min(column, yColumns.count - 1)]))
        }
    }

    /// The columns of a 1-D (one column) or 2-D array.
    private static func columns(_ values: [Double], shape: [Int]) -> [[Double]] {
        guard shape.count == 2 else { return [values] }
        let (rows, count) = (shape[0], shape[1])
        return (0..<count).map { column in (0..<rows).map { values[$0 * count + column] } }
    }

    private static func addImage(
        _ rows: [[Double]], vmin: Double?, vmax: Double?,
        extent: (Double, Double, Double, Double)?, origin: Figure.Origin
    ) {
        add(
            Figure.Series(
                kind: .image, values: rows, vmin: vmin, vmax: vmax,
                extent: extent.map { [$0.0, $0.1, $0.2, $0.3] }, origin: origin))
    }

    static func add(_ series: Figure.Series) {
        PlotState.shared.update { $0.withPanel { $0.series.append(series) } }
    }
}
