// MARK: - plt

/// matplotlib's pyplot for notebooks: the same calls, with matplotlib's keyword
/// arguments as Swift labels, so a ported line reads like the original.
///
/// ```swift
/// plt.plot(losses, label: "training loss")
/// plt.yscale(.log)
/// plt.xlabel("epoch")
/// plt.legend()
/// ```
///
/// As with Jupyter's inline backend, the figures a cell draws appear below the cell when
/// it ends, and `plt.show()` finishes the current figure at once. A figure is data (a
/// ``Figure``) that nbrun renders as a vector graphic and reports as numbers.
///
/// Mistakes matplotlib would raise for (x and y of different lengths, `imshow` of a
/// tensor that is not 2-D, a subplot index outside the grid) stop the program with
/// matplotlib's message.
public enum plt {
    // MARK: Figures

    /// Starts a new figure (the current one, if any, is finished first). `figsize` is the
    /// width and height in inches, as in matplotlib (default 6.4 × 4.8).
    public static func figure(figsize: (Double, Double)? = nil) {
        var size = Figure.Size.default
        if let (width, height) = figsize {
            guard width > 0, height > 0, width.isFinite, height.isFinite else {
                plotFailure(PlotText.figureSize(width, height))
            }
            size = Figure.Size(width: width, height: height)
        }
        PlotState.shared.update { book in
            book.finish()
            book.open = Figure(size: size)
        }
    }

    /// Makes panel `index` (from 1, left to right, then top to bottom) of a `rows`×`cols`
    /// grid the current one, creating it if needed.
    public static func subplot(_ rows: Int, _ cols: Int, _ index: Int) {
        guard rows > 0 else { plotFailure(PlotText.subplotGrid("rows", rows)) }
        guard cols > 0 else { plotFailure(PlotText.subplotGrid("columns", cols)) }
        guard (1...rows * cols).contains(index) else {
            plotFailure(PlotText.subplotIndex(index, cells: rows * cols))
        }
        PlotState.shared.update { $0.selectPanel(rows: rows, columns: cols, index: index) }
    }

    /// matplotlib's three-digit form: `plt.subplot(212)` is `plt.subplot(2, 1, 2)`.
    public static func subplot(_ code: Int) {
        guard (111...999).contains(code) else { plotFailure(PlotText.subplotCode(code)) }
        subplot(code / 100, code / 10 % 10, code % 10)
    }

    /// The figure's title, above all its panels.
    public static func suptitle(_ title: String) {
        PlotState.shared.update { book in
            var figure = book.figure()
            figure.title = title
            book.open = figure
        }
    }

    /// Finishes the current figure now; it is shown where the cell's output is.
    public static func show() {
        PlotState.shared.update { $0.finish() }
        afterShow?()
    }

    /// Discards the current figure without showing it.
    public static func close() {
        PlotState.shared.update { book in
            book.open = nil
            book.currentPanel = 0
        }
    }

    // MARK: Runner hooks

    /// Called after `plt.show()` finishes a figure, so the runner can take it at once: a
    /// cell that traps later still shows it.
    @_spi(Runner) nonisolated(unsafe) public static var afterShow: (() -> Void)?

    /// Removes and returns the figures finished so far, oldest first.
    @_spi(Runner) public static func takeFigures() -> [Figure] {
        PlotState.shared.update { $0.take() }
    }

    /// Ends a cell: finishes the open figure, if any, as Jupyter's inline backend does.
    /// Take the cell's figures with ``takeFigures()`` afterwards.
    @_spi(Runner) public static func endCell() {
        PlotState.shared.update { $0.finish() }
    }
}
