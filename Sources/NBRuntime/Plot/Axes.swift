// MARK: - subplots and Axes

extension plt {
    /// A figure as `plt.subplots` returns it, for the figure-wide calls matplotlib makes on it.
    public struct FigureHandle: Sendable {
        /// The figure's title above all panels. matplotlib: `fig.suptitle(t)`.
        public func suptitle(_ title: String) { plt.suptitle(title) }
        /// Accepted for ported code: nbrun lays panels out on its own. matplotlib: `fig.tight_layout()`.
        public func tight_layout() {}
    }

    /// One panel of a figure, as matplotlib's `Axes`: the `plt` drawing calls, and
    /// `set_title`, `set_xlabel` … for its labels. Each call draws in this panel, whichever
    /// panel `plt` was drawing in.
    public struct Axes: Sendable, Equatable {
        let rows: Int
        let columns: Int
        let index: Int

        func select() {
            PlotState.shared.update { $0.selectPanel(rows: rows, columns: columns, index: index) }
        }

        public func plot<Y: PlotData>(_ y: Y, label: String? = nil, color: String? = nil) {
            select()
            plt.plot(y, label: label, color: color)
        }

        public func plot<X: PlotData, Y: PlotData>(_ x: X, _ y: Y, label: String? = nil, color: String? = nil) {
            select()
            plt.plot(x, y, label: label, color: color)
        }

        public func scatter<X: PlotData, Y: PlotData>(
            _ x: X, _ y: Y, c: (any ScatterColors)? = nil, s: (any MarkerSizes)? = nil, cmap: Colormap? = nil,
            marker: String? = nil, alpha: Double? = nil, vmin: Double? = nil, vmax: Double? = nil,
            label: String? = nil, color: String? = nil
        ) {
            select()
            plt.scatter(
                x, y, c: c, s: s, cmap: cmap, marker: marker, alpha: alpha, vmin: vmin, vmax: vmax, label: label,
                color: color)
        }

        public func hist<V: PlotData>(_ values: V, bins: Int = 10, label: String? = nil, color: String? = nil) {
            select()
            plt.hist(values, bins: bins, label: label, color: color)
        }

        public func imshow<I: PlotData>(
            _ image: I, vmin: Double? = nil, vmax: Double? = nil, extent: (Double, Double, Double, Double)? = nil,
            origin: Figure.Origin = .upper
        ) {
            select()
            plt.imshow(image, vmin: vmin, vmax: vmax, extent: extent, origin: origin)
        }

        public func bar<X: PlotData, H: PlotData>(
            _ x: X, _ height: H, width: Double = 0.8, color: String? = nil, alpha: Double? = nil,
            label: String? = nil
        ) {
            select()
            plt.bar(x, height, width: width, color: color, alpha: alpha, label: label)
        }

        public func errorbar<X: PlotData, Y: PlotData>(
            _ x: X, _ y: Y, yerr: (any MarkerSizes)? = nil, xerr: (any MarkerSizes)? = nil, fmt: String = "",
            color: String? = nil, label: String? = nil, alpha: Double? = nil
        ) {
            select()
            plt.errorbar(x, y, yerr: yerr, xerr: xerr, fmt: fmt, color: color, label: label, alpha: alpha)
        }

        public func contourf<X: PlotData, Y: PlotData, Z: PlotData>(
            _ X: X, _ Y: Y, _ Z: Z, levels: [Double]? = nil, cmap: Colormap? = nil, alpha: Double? = nil,
            colors: String? = nil
        ) {
            select()
            plt.contourf(X, Y, Z, levels: levels, cmap: cmap, alpha: alpha, colors: colors)
        }

        public func contour<X: PlotData, Y: PlotData, Z: PlotData>(
            _ X: X, _ Y: Y, _ Z: Z, levels: [Double]? = nil, cmap: Colormap? = nil, alpha: Double? = nil,
            colors: String? = nil
        ) {
            select()
            plt.contour(X, Y, Z, levels: levels, cmap: cmap, alpha: alpha, colors: colors)
        }

        public func axhline(
            _ y: Double = 0, xmin: Double = 0, xmax: Double = 1, color: String? = nil, linestyle: String = "-",
            alpha: Double? = nil, label: String? = nil
        ) {
            select()
            plt.axhline(y, xmin: xmin, xmax: xmax, color: color, linestyle: linestyle, alpha: alpha, label: label)
        }

        public func axvline(
            _ x: Double = 0, ymin: Double = 0, ymax: Double = 1, color: String? = nil, linestyle: String = "-",
            alpha: Double? = nil, label: String? = nil
        ) {
            select()
            plt.axvline(x, ymin: ymin, ymax: ymax, color: color, linestyle: linestyle, alpha: alpha, label: label)
        }

        public func text(
            _ x: Double, _ y: Double, _ s: String, fontsize: Double? = nil, ha: String = "left", color: String? = nil
        ) {
            select()
            plt.text(x, y, s, fontsize: fontsize, ha: ha, color: color)
        }

        public func annotate(
            _ text: String, xy: (Double, Double), xytext: (Double, Double)? = nil,
            arrowprops: [String: String]? = nil, fontsize: Double? = nil, ha: String = "left", color: String? = nil
        ) {
            select()
            plt.annotate(text, xy: xy, xytext: xytext, arrowprops: arrowprops, fontsize: fontsize, ha: ha, color: color)
        }

        /// matplotlib: `ax.set_title(label)`.
        public func set_title(_ label: String) {
            select()
            plt.title(label)
        }

        /// matplotlib: `ax.set_xlabel(label)`.
        public func set_xlabel(_ label: String) {
            select()
            plt.xlabel(label)
        }

        /// matplotlib: `ax.set_ylabel(label)`.
        public func set_ylabel(_ label: String) {
            select()
            plt.ylabel(label)
        }

        /// matplotlib: `ax.set_xlim(left, right)`.
        public func set_xlim(_ left: Double?, _ right: Double?) {
            select()
            plt.xlim(left, right)
        }

        /// matplotlib: `ax.set_ylim(bottom, top)`.
        public func set_ylim(_ bottom: Double?, _ top: Double?) {
            select()
            plt.ylim(bottom, top)
        }

        /// matplotlib: `ax.set_xscale("log")`.
        public func set_xscale(_ scale: Figure.Scale) {
            select()
            plt.xscale(scale)
        }

        /// matplotlib: `ax.set_yscale("log")`.
        public func set_yscale(_ scale: Figure.Scale) {
            select()
            plt.yscale(scale)
        }

        /// matplotlib: `ax.legend()`.
        public func legend() {
            select()
            plt.legend()
        }

        /// matplotlib: `ax.grid(True)`.
        public func grid(_ visible: Bool = true) {
            select()
            plt.grid(visible)
        }
    }

    /// The axes of a grid of panels, as the numpy array `plt.subplots(rows, cols)` returns:
    /// `axs[i]` in a single row or column, `axs[i, j]` in a grid, `axs.flat` for all of them.
    public struct AxesArray: Sendable {
        public let rows: Int
        public let columns: Int

        /// Every panel, left to right and then top to bottom. numpy: `axs.flat`.
        public var flat: [Axes] {
            (1...rows * columns).map { Axes(rows: rows, columns: columns, index: $0) }
        }

        /// Panel `i` of a single row or column. numpy: `axs[i]` (negative counts from the end).
        public subscript(_ i: Int) -> Axes {
            guard rows == 1 || columns == 1 else { plotFailure(PlotText.axesIndex(rows: rows, columns: columns)) }
            let count = rows * columns
            let position = i < 0 ? i + count : i
            guard (0..<count).contains(position) else {
                plotFailure("subplots: index \(i) is out of bounds for axis 0 with size \(count)")
            }
            return Axes(rows: rows, columns: columns, index: position + 1)
        }

        /// The panel in row `i`, column `j`. numpy: `axs[i, j]`.
        public subscript(_ i: Int, _ j: Int) -> Axes {
            guard (0..<rows).contains(i), (0..<columns).contains(j) else {
                plotFailure("subplots: index (\(i), \(j)) is out of bounds for a \(rows)×\(columns) grid")
            }
            return Axes(rows: rows, columns: columns, index: i * columns + j + 1)
        }
    }

    /// A new figure with one panel, and its axes. matplotlib: `fig, ax = plt.subplots(figsize=(6, 4))`.
    public static func subplots(figsize: (Double, Double)? = nil) -> (FigureHandle, Axes) {
        let (figure, axes) = subplots(1, 1, figsize: figsize)
        return (figure, axes[0])
    }

    /// A new figure with a grid of panels, and their axes. matplotlib: `fig, axs = plt.subplots(1, 2, figsize=(10, 4))`.
    public static func subplots(_ nrows: Int, _ ncols: Int, figsize: (Double, Double)? = nil) -> (
        FigureHandle, AxesArray
    ) {
        guard nrows > 0 else { plotFailure(PlotText.subplotGrid("rows", nrows)) }
        guard ncols > 0 else { plotFailure(PlotText.subplotGrid("columns", ncols)) }
        figure(figsize: figsize)
        let axes = AxesArray(rows: nrows, columns: ncols)
        for panel in axes.flat { panel.select() }
        axes.flat[0].select()
        return (FigureHandle(), axes)
    }

    /// matplotlib's keyword form: `plt.subplots(nrows: 2, ncols: 2)`.
    public static func subplots(nrows: Int, ncols: Int = 1, figsize: (Double, Double)? = nil) -> (
        FigureHandle, AxesArray
    ) {
        subplots(nrows, ncols, figsize: figsize)
    }
}
