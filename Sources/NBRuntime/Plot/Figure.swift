// MARK: - Figure

/// A figure that a cell drew with `plt`, as data: its panels, their series, labels and
/// options. nbrun renders it (to SVG) and reports its values (in JSON); the runtime
/// never draws pixels.
///
/// The description is the contract between a notebook program and nbrun, so it is
/// `Codable`. Non-finite numbers are encoded as the strings `"nan"`, `"inf"` and
/// `"-inf"`, so any `JSONEncoder` can write a figure and any `JSONDecoder` read it back.
///
/// Long series are thinned before a figure is finished (see ``Series/thinnedFrom``),
/// so a description stays small whatever the data.
public struct Figure: Codable, Sendable, Equatable {
    /// The figure's own title, above all panels (`plt.suptitle`).
    public var title: String?
    /// Width and height in inches, as matplotlib's `figsize` (default 6.4 × 4.8).
    public var size: Size
    /// The panels, in the order they were created.
    public var panels: [Panel]

    public init(title: String? = nil, size: Size = .default, panels: [Panel] = []) {
        self.title = title
        self.size = size
        self.panels = panels
    }

    /// A figure size in inches.
    public struct Size: Codable, Sendable, Equatable {
        public var width: Double
        public var height: Double

        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }

        /// matplotlib's default `figsize`.
        public static let `default` = Size(width: 6.4, height: 4.8)
    }
}

// MARK: - Panel

extension Figure {
    /// One set of axes (matplotlib's `Axes`): a place in the figure's grid, and what is drawn in it.
    public struct Panel: Codable, Sendable, Equatable {
        /// Where the panel sits: `plt.subplot(rows, columns, index)`, with `index` counted
        /// from 1, left to right and then top to bottom, as in matplotlib.
        public var rows: Int
        public var columns: Int
        public var index: Int
        public var title: String?
        public var xlabel: String?
        public var ylabel: String?
        public var xscale: Scale
        public var yscale: Scale
        /// The view limits set with `plt.xlim`/`plt.ylim`; nil ends are automatic.
        public var xlim: Limits
        public var ylim: Limits
        /// Whether `plt.legend()` was called for this panel.
        public var legend: Bool
        /// Whether `plt.grid()` turned grid lines on.
        public var grid: Bool
        public var series: [Series]

        public init(
            rows: Int = 1, columns: Int = 1, index: Int = 1, title: String? = nil,
            xlabel: String? = nil, ylabel: String? = nil, xscale: Scale = .linear, yscale: Scale = .linear,
            xlim: Limits = Limits(), ylim: Limits = Limits(), legend: Bool = false, grid: Bool = false,
            series: [Series] = []
        ) {
            self.rows = rows
            self.columns = columns
            self.index = index
            self.title = title
            self.xlabel = xlabel
            self.ylabel = ylabel
            self.xscale = xscale
            self.yscale = yscale
            self.xlim = xlim
            self.ylim = ylim
            self.legend = legend
            self.grid = grid
            self.series = series
        }
    }

    /// An axis scale (`plt.xscale`, `plt.yscale`). A string literal also works, as in
    /// matplotlib: `plt.xscale("log")`.
    public enum Scale: String, Codable, Sendable, Equatable, ExpressibleByStringLiteral {
        case linear
        case log

        public init(stringLiteral value: String) {
            guard let scale = Scale(rawValue: value) else { plotFailure(PlotText.unknownScale(value)) }
            self = scale
        }
    }

    /// The ends of an axis that the notebook fixed. `start` is the left or bottom end and
    /// `end` the right or top end; `start > end` inverts the axis, as in matplotlib.
    public struct Limits: Codable, Sendable, Equatable {
        public var start: Double?
        public var end: Double?

        public init(start: Double? = nil, end: Double? = nil) {
            self.start = start
            self.end = end
        }
    }
}
