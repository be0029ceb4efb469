// MARK: - Scatter with colours and sizes, bars, error bars, reference lines, text

extension plt {
    /// Draws one marker per point, as matplotlib's scatter: `c` colours each point by its
    /// value through `cmap` (or names one colour for all), `s` is the marker area in points²
    /// (one for all, or one per point; matplotlib's default is 36), `marker` matplotlib's
    /// code (`"o"`, `"s"`, `"^"`, `"v"`, `"D"`, `"x"`, `"+"`, `"."`), `alpha` the opacity.
    /// `vmin`/`vmax` fix the values at the ends of the colour map.
    ///
    /// matplotlib: `plt.scatter(x, y, c=y, s=40, cmap=plt.cm.Spectral)`.
    public static func scatter<X: PlotData, Y: PlotData>(
        _ x: X, _ y: Y, c: (any ScatterColors)? = nil, s: (any MarkerSizes)? = nil, cmap: Colormap? = nil,
        marker: String? = nil, alpha: Double? = nil, vmin: Double? = nil, vmax: Double? = nil,
        label: String? = nil, color: String? = nil
    ) {
        let xs = x.plotValues
        let ys = y.plotValues
        guard xs.values.count == ys.values.count else {
            plotFailure(PlotText.sizeMismatch("scatter", xs.shape, ys.shape))
        }
        let count = xs.values.count
        var series = Figure.Series(kind: .scatter, label: label, color: color, x: xs.values, y: ys.values)
        if let c {
            let (name, values) = c.scatterColors
            if let values {
                guard values.count == count else {
                    plotFailure(PlotText.perPoint("scatter", "c", values.count, points: count))
                }
                series.style.colorValues = values
                series.style.cmap = (cmap ?? "viridis").name
            } else {
                series.color = name
            }
        }
        if let s {
            let sizes = s.markerSizes
            guard sizes.count == 1 || sizes.count == count else {
                plotFailure("scatter: s must be a scalar, or float array-like with the same size as x and y")
            }
            series.style.sizes = sizes
        }
        series.style.marker = marker
        series.style.alpha = alpha
        series.vmin = vmin
        series.vmax = vmax
        add(series)
    }

    /// Draws bars `height` high centred on `x`, `width` wide. matplotlib: `plt.bar(x, height, width=0.8)`.
    public static func bar<X: PlotData, H: PlotData>(
        _ x: X, _ height: H, width: Double = 0.8, color: String? = nil, alpha: Double? = nil, label: String? = nil
    ) {
        let xs = x.plotValues.values
        let heights = height.plotValues.values
        let count = max(xs.count, heights.count)
        guard xs.count == heights.count || xs.count == 1 || heights.count == 1 else {
            plotFailure(
                "bar: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 "
                    + "with shape (\(xs.count),) and arg 1 with shape (\(heights.count),).")
        }
        var series = Figure.Series(
            kind: .bar, label: label, color: color, x: (0..<count).map { xs[xs.count == 1 ? 0 : $0] },
            y: (0..<count).map { heights[heights.count == 1 ? 0 : $0] })
        series.style.width = width
        series.style.alpha = alpha
        add(series)
    }

    /// Draws `y` against `x` with error bars of half-length `yerr` (and `xerr`), one value
    /// for all points or one per point. `fmt` is matplotlib's format: `"o"` draws markers
    /// and no line, `"-"` (the default) a line. matplotlib: `plt.errorbar(x, y, yerr=e, fmt="o")`.
    public static func errorbar<X: PlotData, Y: PlotData>(
        _ x: X, _ y: Y, yerr: (any MarkerSizes)? = nil, xerr: (any MarkerSizes)? = nil, fmt: String = "",
        color: String? = nil, label: String? = nil, alpha: Double? = nil
    ) {
        let xs = x.plotValues
        let ys = y.plotValues
        guard xs.values.count == ys.values.count else {
            plotFailure(PlotText.firstDimensionMismatch("errorbar", xs.shape, ys.shape))
        }
        var series = Figure.Series(kind: .errorbar, label: label, color: color, x: xs.values, y: ys.values)
        for (errors, name) in [(yerr, "yerr"), (xerr, "xerr")] {
            guard let values = errors?.markerSizes else { continue }
            guard values.count == 1 || values.count == xs.values.count else {
                plotFailure(
                    "errorbar: '\(name)' (shape: (\(values.count),)) must be a scalar or a 1D or (2, n) array-like whose shape matches '\(name == "yerr" ? "y" : "x")' (shape: (\(xs.values.count),))"
                )
            }
            guard values.allSatisfy({ !($0 < 0) }) else {
                plotFailure("errorbar: '\(name)' must not contain negative values")
            }
            if name == "yerr" { series.style.yerr = values } else { series.style.xerr = values }
        }
        series.style.marker = fmt.isEmpty ? nil : fmt
        series.style.alpha = alpha
        add(series)
    }

    /// A horizontal line across the axes at `y` (from `xmin` to `xmax`, fractions of the
    /// axes' width). `linestyle` is `"-"`, `"--"` or `":"`. matplotlib: `plt.axhline(y=0, xmin=0, xmax=1)`.
    public static func axhline(
        _ y: Double = 0, xmin: Double = 0, xmax: Double = 1, color: String? = nil, linestyle: String = "-",
        alpha: Double? = nil, label: String? = nil
    ) {
        referenceLine(.hline, y, span: [xmin, xmax], color: color, linestyle: linestyle, alpha: alpha, label: label)
    }

    /// matplotlib's keyword form: `plt.axhline(y: 0.5)`.
    public static func axhline(
        y: Double, xmin: Double = 0, xmax: Double = 1, color: String? = nil, linestyle: String = "-",
        alpha: Double? = nil, label: String? = nil
    ) {
        axhline(y, xmin: xmin, xmax: xmax, color: color, linestyle: linestyle, alpha: alpha, label: label)
    }

    /// A vertical line across the axes at `x` (from `ymin` to `ymax`, fractions of the
    /// axes' height). matplotlib: `plt.axvline(x=0, ymin=0, ymax=1)`.
    public static func axvline(
        _ x: Double = 0, ymin: Double = 0, ymax: Double = 1, color: String? = nil, linestyle: String = "-",
        alpha: Double? = nil, label: String? = nil
    ) {
        referenceLine(.vline, x, span: [ymin, ymax], color: color, linestyle: linestyle, alpha: alpha, label: label)
    }

    /// matplotlib's keyword form: `plt.axvline(x: 2)`.
    public static func axvline(
        x: Double, ymin: Double = 0, ymax: Double = 1, color: String? = nil, linestyle: String = "-",
        alpha: Double? = nil, label: String? = nil
    ) {
        axvline(x, ymin: ymin, ymax: ymax, color: color, linestyle: linestyle, alpha: alpha, label: label)
    }

    /// Text at a data point; `ha` is matplotlib's horizontal alignment (`"left"`, `"center"`,
    /// `"right"`), `fontsize` in points. matplotlib: `plt.text(x, y, s, fontsize=10, ha="left")`.
    public static func text(
        _ x: Double, _ y: Double, _ s: String, fontsize: Double? = nil, ha: String = "left", color: String? = nil
    ) {
        var series = Figure.Series(kind: .text, color: color, x: [x], y: [y])
        series.style.text = s
        series.style.fontSize = fontsize
        series.style.horizontalAlignment = ha
        add(series)
    }

    /// Text at `xytext` (or at `xy`), with an arrow to the point `xy` when `arrowprops` is
    /// given (its contents are accepted; the arrow is a plain one).
    /// matplotlib: `plt.annotate(text, xy=(x, y), xytext=(x2, y2), arrowprops=dict(arrowstyle="->"))`.
    public static func annotate(
        _ text: String, xy: (Double, Double), xytext: (Double, Double)? = nil, arrowprops: [String: String]? = nil,
        fontsize: Double? = nil, ha: String = "left", color: String? = nil
    ) {
        let at = xytext ?? xy
        var series = Figure.Series(kind: .text, color: color, x: [at.0], y: [at.1])
        series.style.text = text
        series.style.fontSize = fontsize
        series.style.horizontalAlignment = ha
        if arrowprops != nil, xytext != nil { series.style.arrowTo = [xy.0, xy.1] }
        add(series)
    }

    private static func referenceLine(
        _ kind: Figure.Kind, _ value: Double, span: [Double], color: String?, linestyle: String, alpha: Double?,
        label: String?
    ) {
        var series = Figure.Series(
            kind: kind, label: label, color: color, x: kind == .vline ? [value] : [], y: kind == .hline ? [value] : [])
        series.style.span = span == [0, 1] ? nil : span
        series.style.marker = linestyle == "-" ? nil : linestyle
        series.style.alpha = alpha
        add(series)
    }
}
