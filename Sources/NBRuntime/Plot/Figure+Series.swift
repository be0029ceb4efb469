// MARK: - Series

extension Figure {
    /// One thing drawn in a panel: a line, a set of points, a histogram, an image, bars,
    /// error bars, contours, a reference line or a piece of text.
    ///
    /// What `x`, `y` and `values` hold depends on ``kind``:
    /// - `line`, `scatter`, `bar` and `errorbar`: the points, `x[i]` with `y[i]` (the same length);
    /// - `contour`, `contourf`: `values` rows over `y`, columns over `x`;
    /// - `hline`, `vline`, `text`: one position;
    /// - `hist`: `x` the bin edges (one more than the bins) and `y` the count in each bin;
    /// - `image`: `values`, the rows of the image from its first row, and `x`, `y` empty.
    ///
    /// Values are kept as given, including NaN and ±inf (a renderer skips them).
    public struct Series: Sendable, Equatable {
        public var kind: Kind
        public var label: String?
        /// A colour the notebook asked for: a CSS colour, or matplotlib's `"C0"`…`"C9"`;
        /// nil takes the next colour of the default cycle.
        public var color: String?
        public var x: [Double]
        public var y: [Double]
        public var values: [[Double]]?
        /// For images: the data values at the two ends of the colour map (nil: the data's
        /// own minimum and maximum).
        public var vmin: Double?
        public var vmax: Double?
        /// For images: the data coordinates of the image's outer edges, `[left, right,
        /// bottom, top]` (nil: pixel centres at 0, 1, 2, …).
        public var extent: [Double]?
        /// For images: whether row 0 is drawn at the top (matplotlib's default) or the bottom.
        public var origin: Origin?
        /// If the series was thinned to what the eye can see, how many points (or image
        /// cells) it had before; nil if it holds all of them.
        public var thinnedFrom: Int?
        /// Per-point values mapped through ``Style/cmap`` (scatter's `c=` array), or one value per
        /// point of `y` for errorbars' half-lengths (see ``Style``).
        public var style = Style()

        /// How a series looks beyond its colour: what matplotlib's keyword arguments set.
        public struct Style: Sendable, Equatable {
            /// scatter `c=`: one number per point, coloured through `cmap` between `vmin`
            /// and `vmax` (the data's own ends when nil).
            public var colorValues: [Double]?
            /// scatter `s=`: marker areas in points² (one for all, or one per point).
            public var sizes: [Double]?
            /// matplotlib's marker code: `"o"`, `"s"`, `"^"`, `"x"`, `"+"`, `"."`, `"D"`.
            public var marker: String?
            /// Opacity from 0 to 1.
            public var alpha: Double?
            /// A colour map's name (`"viridis"`, `"Spectral"` …).
            public var cmap: String?
            /// contour and contourf: the levels, increasing.
            public var levels: [Double]?
            /// bar: the width of each bar in data units; errorbar: unused.
            public var width: Double?
            /// errorbar: the half-length of each point's bar (`yerr=`, `xerr=`).
            public var yerr: [Double]?
            public var xerr: [Double]?
            /// text and annotate: the text, and for annotate the point the arrow points at.
            public var text: String?
            public var arrowTo: [Double]?
            /// axhline/axvline: the line's extent along the axis, in fractions of it (0…1).
            public var span: [Double]?
            /// text: matplotlib's `ha` (left, center, right) and `fontsize` in points.
            public var horizontalAlignment: String?
            public var fontSize: Double?

            public init() {}

            /// Whether nothing is set.
            public var isEmpty: Bool { self == Style() }
        }

        public init(
            kind: Kind, label: String? = nil, color: String? = nil, x: [Double] = [], y: [Double] = [],
            values: [[Double]]? = nil, vmin: Double? = nil, vmax: Double? = nil, extent: [Double]? = nil,
            origin: Origin? = nil, thinnedFrom: Int? = nil
        ) {
            self.kind = kind
            self.label = label
            self.color = color
            self.x = x
            self.y = y
            self.values = values
            self.vmin = vmin
            self.vmax = vmax
            self.extent = extent
            self.origin = origin
            self.thinnedFrom = thinnedFrom
        }

        /// The number of data points (image cells for an image, values counted for a histogram).
        public var pointCount: Int {
            switch kind {
            case .line, .scatter, .bar, .errorbar: return y.count
            case .hist: return Int(y.reduce(0, +))
            case .image, .contour, .contourf: return values?.reduce(0) { $0 + $1.count } ?? 0
            case .hline, .vline, .text: return 0
            }
        }
    }

    /// What a series draws.
    public enum Kind: String, Codable, Sendable, Equatable {
        case line
        case scatter
        case hist
        case image
        /// Bars of `y` high centred on `x` (`plt.bar`).
        case bar
        /// Points with error bars (`plt.errorbar`).
        case errorbar
        /// Level lines (`contour`) or filled bands (`contourf`) of `values` over the grid
        /// whose column coordinates are `x` and row coordinates `y`.
        case contour
        case contourf
        /// A line across the axes at `y[0]` (`axhline`) or `x[0]` (`axvline`).
        case hline
        case vline
        /// Text at (`x[0]`, `y[0]`) (`plt.text`, `plt.annotate`).
        case text
    }

    /// Where an image's first row goes (matplotlib's `origin`).
    public enum Origin: String, Codable, Sendable, Equatable, ExpressibleByStringLiteral {
        case upper
        case lower

        public init(stringLiteral value: String) {
            guard let origin = Origin(rawValue: value) else { plotFailure(PlotText.unknownOrigin(value)) }
            self = origin
        }
    }
}
