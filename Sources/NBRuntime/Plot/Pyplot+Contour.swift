import Foundation

// MARK: - Contours

extension plt {
    /// Filled contours of `Z` over the grid `X`, `Y` (2-D, as `np.meshgrid` makes them, or
    /// 1-D coordinates of the columns and rows): the bands between `levels`, each coloured
    /// through `cmap`. Without `levels`, matplotlib's: about 7 "nice" levels over Z's range.
    /// matplotlib: `plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.8)`.
    public static func contourf<X: PlotData, Y: PlotData, Z: PlotData>(
        _ X: X, _ Y: Y, _ Z: Z, levels: [Double]? = nil, cmap: Colormap? = nil, alpha: Double? = nil,
        colors: String? = nil
    ) {
        contour(.contourf, X.plotValues, Y.plotValues, Z.plotValues, levels: .explicit(levels), cmap, alpha, colors)
    }

    /// Filled contours with `levels` bands chosen as matplotlib chooses them. matplotlib: `plt.contourf(X, Y, Z, 10)`.
    public static func contourf<X: PlotData, Y: PlotData, Z: PlotData>(
        _ X: X, _ Y: Y, _ Z: Z, _ levels: Int, cmap: Colormap? = nil, alpha: Double? = nil, colors: String? = nil
    ) {
        contour(.contourf, X.plotValues, Y.plotValues, Z.plotValues, levels: .count(levels), cmap, alpha, colors)
    }

    /// Filled contours of `Z` over its own row and column numbers. matplotlib: `plt.contourf(Z)`.
    public static func contourf<Z: PlotData>(
        _ Z: Z, levels: [Double]? = nil, cmap: Colormap? = nil, alpha: Double? = nil
    ) {
        let z = Z.plotValues
        let (x, y) = indexGrid(z.shape)
        contour(.contourf, x, y, z, levels: .explicit(levels), cmap, alpha, nil)
    }

    /// Contour lines of `Z` at `levels` (matplotlib's choice when nil), each coloured
    /// through `cmap`, or all in `colors`. matplotlib: `plt.contour(xx, yy, Z, levels=[0.5], colors="k")`.
    public static func contour<X: PlotData, Y: PlotData, Z: PlotData>(
        _ X: X, _ Y: Y, _ Z: Z, levels: [Double]? = nil, cmap: Colormap? = nil, alpha: Double? = nil,
        colors: String? = nil
    ) {
        contour(.contour, X.plotValues, Y.plotValues, Z.plotValues, levels: .explicit(levels), cmap, alpha, colors)
    }

    /// Contour lines at `levels` levels chosen as matplotlib chooses them. matplotlib: `plt.contour(X, Y, Z, 10)`.
    public static func contour<X: PlotData, Y: PlotData, Z: PlotData>(
        _ X: X, _ Y: Y, _ Z: Z, _ levels: Int, cmap: Colormap? = nil, alpha: Double? = nil, colors: String? = nil
    ) {
        contour(.contour, X.plotValues, Y.plotValues, Z.plotValues, levels: .count(levels), cmap, alpha, colors)
    }

    /// Contour lines of `Z` over its own row and column numbers. matplotlib: `plt.contour(Z)`.
    public static func contour<Z: PlotData>(_ Z: Z, levels: [Double]? = nil, cmap: Colormap? = nil) {
        let z = Z.plotValues
        let (x, y) = indexGrid(z.shape)
        contour(.contour, x, y, z, levels: .explicit(levels), cmap, nil, nil)
    }

    enum LevelChoice {
        case explicit([Double]?)
        case count(Int)
    }

    private static func indexGrid(_ shape: [Int]) -> (
        (shape: [Int], values: [Double]), (shape: [Int], values: [Double])
    ) {
        guard shape.count == 2 else { plotFailure(PlotText.contourZ(shape)) }
        return (([shape[1]], (0..<shape[1]).map(Double.init)), ([shape[0]], (0..<shape[0]).map(Double.init)))
    }

    private static func contour(
        _ kind: Figure.Kind, _ x: (shape: [Int], values: [Double]), _ y: (shape: [Int], values: [Double]),
        _ z: (shape: [Int], values: [Double]), levels choice: LevelChoice, _ cmap: Colormap?, _ alpha: Double?,
        _ colors: String?
    ) {
        guard z.shape.count == 2 else { plotFailure(PlotText.contourZ(z.shape)) }
        let (rows, columns) = (z.shape[0], z.shape[1])
        // The coordinates of the columns and of the rows: 1-D as given, or the first row of
        // X and the first column of Y (a meshgrid's).
        let xs: [Double]
        let ys: [Double]
        if x.shape.count == 2, y.shape.count == 2 {
            guard x.shape == z.shape, y.shape == z.shape else {
                plotFailure(PlotText.contourShape(x.shape, y.shape, z.shape))
            }
            xs = Array(x.values[0..<columns])
            ys = (0..<rows).map { y.values[$0 * columns] }
        } else if x.shape.count == 1, y.shape.count == 1 {
            guard x.shape[0] == columns else {
                plotFailure("contour: Length of x (\(x.shape[0])) must match number of columns in z (\(columns))")
            }
            guard y.shape[0] == rows else {
                plotFailure("contour: Length of y (\(y.shape[0])) must match number of rows in z (\(rows))")
            }
            (xs, ys) = (x.values, y.values)
        } else {
            plotFailure("contour: Number of dimensions of x (\(x.shape.count)) and y (\(y.shape.count)) do not match")
        }
        let finite = z.values.filter(\.isFinite)
        let (zmin, zmax) = (finite.min() ?? 0, finite.max() ?? 0)
        let levels: [Double]
        switch choice {
        case .explicit(let given?):
            guard zip(given, given.dropFirst()).allSatisfy({ $0 < $1 }) else { plotFailure(PlotText.contourLevels()) }
            levels = given
        case .explicit(nil): levels = ContourLevels.automatic(zmin: zmin, zmax: zmax, count: 7)
        case .count(let count): levels = ContourLevels.automatic(zmin: zmin, zmax: zmax, count: max(1, count))
        }
        if kind == .contourf, levels.count < 2 { plotFailure("contourf: Filled contours require at least 2 levels.") }
        var series = Figure.Series(
            kind: kind, color: colors, x: xs, y: ys,
            values: (0..<rows).map { Array(z.values[$0 * columns..<($0 + 1) * columns]) })
        series.style.levels = levels
        series.style.cmap = colors == nil ? (cmap ?? "viridis").name : nil
        series.style.alpha = alpha
        add(series)
    }
}

/// The levels matplotlib's contour functions choose when given none or a count: its
/// `MaxNLocator(count + 1, min_n_ticks=1)` over the data's range, trimmed to the levels
/// that bound the data (one below the minimum and one above the maximum at most).
enum ContourLevels {
    static func automatic(zmin: Double, zmax: Double, count: Int) -> [Double] {
        let (vmin, vmax) = nonsingular(zmin, zmax)
        let levels = rawTicks(vmin, vmax, bins: count + 1)
        let under = levels.lastIndex { $0 < zmin } ?? 0
        let over = (levels.firstIndex { $0 > zmax }).map { $0 + 1 } ?? levels.count
        if over - under < 3 { return levels }
        return Array(levels[under..<over])
    }

    /// matplotlib's MaxNLocator._raw_ticks with MaxNLocator's own default steps
    /// (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10; axes use AutoLocator's 1, 2, 2.5, 5, 10).
    private static func rawTicks(_ vmin: Double, _ vmax: Double, bins: Int) -> [Double] {
        let span = abs(vmax - vmin)
        let middle = (vmax + vmin) / 2
        let offset =
            abs(middle) / span < 100 ? 0 : copysign(Foundation.pow(10.0, pythonFloor(log10(abs(middle)))), middle)
        let scale = Foundation.pow(10.0, pythonFloor(log10(span / Double(bins))))
        let (low, high) = (vmin - offset, vmax - offset)
        let base: [Double] = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
        let staircase = base.dropLast().map { 0.1 * $0 } + base + [10 * base[1]]
        let steps = staircase.map { $0 * scale }
        let rawStep = (high - low) / Double(bins)
        let largest = steps.firstIndex { $0 >= rawStep } ?? steps.count - 1
        var ticks: [Double] = []
        for step in steps[...largest].reversed() {
            let bestMin = divmod(low, step).0 * step
            let first = edge(low - bestMin, step: step, offset: offset, below: true)
            let last = edge(high - bestMin, step: step, offset: offset, below: false)
            ticks = stride(from: first, through: last, by: 1).map { $0 * step + bestMin }
            if ticks.contains(where: { $0 <= high && $0 >= low }) { break }
        }
        return ticks.map { $0 + offset }
    }

    /// matplotlib's `_Edge_integer.le` (below) and `.ge`.
    private static func edge(_ x: Double, step: Double, offset: Double, below: Bool) -> Double {
        let (d, m) = divmod(x, step)
        var tolerance = 1e-10
        if offset > 0 { tolerance = min(0.4999, max(1e-10, Foundation.pow(10.0, log10(offset / step) - 12))) }
        if below { return abs(m / step - 1) < tolerance ? d + 1 : d }
        return abs(m / step) < tolerance ? d : d + 1
    }

    /// Python's `divmod` on floats.
    private static func divmod(_ x: Double, _ y: Double) -> (Double, Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) {
                mod += y
                div -= 1
            }
        } else {
            mod = copysign(0, y)
        }
        guard div != 0 else { return (copysign(0, x / y), mod) }
        var floored = floor(div)
        if div - floored > 0.5 { floored += 1 }
        return (floored, mod)
    }

    private static func pythonFloor(_ x: Double) -> Double { floor(x) }

    /// matplotlib's `transforms.nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14)`.
    private static func nonsingular(_ low: Double, _ high: Double) -> (Double, Double) {
        let (expander, tiny) = (1e-13, 1e-14)
        guard low.isFinite, high.isFinite else { return (-expander, expander) }
        var (vmin, vmax) = (min(low, high), max(low, high))
        let largest = max(abs(vmin), abs(vmax))
        if largest < (1e6 / tiny) * Double.leastNormalMagnitude { return (-expander, expander) }
        if vmax - vmin <= largest * tiny {
            if vmax == 0, vmin == 0 { return (-expander, expander) }
            vmin -= expander * abs(vmin)
            vmax += expander * abs(vmax)
        }
        return (vmin, vmax)
    }
}
