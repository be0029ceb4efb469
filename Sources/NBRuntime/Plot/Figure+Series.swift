// MARK: - Series

extension Figure {
    /// One thing drawn in a panel: a line, a set of points, a histogram or an image.
    ///
    /// What `x`, `y` and `values` hold depends on ``kind``:
    /// - `line` and `scatter`: the points, `x[i]` with `y[i]` (the same length);
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
            case .line, .scatter: return y.count
            case .hist: return Int(y.reduce(0, +))
            case .image: return values?.reduce(0) { $0 + $1.count } ?? 0
            }
        }
    }

    /// What a series draws.
    public enum Kind: String, Codable, Sendable, Equatable {
        case line
        case scatter
        case hist
        case image
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
