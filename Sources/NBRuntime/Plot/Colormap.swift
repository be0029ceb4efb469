// MARK: - Colour maps

/// A matplotlib colour map, by name: `cmap: "Spectral"` or `cmap: plt.cm.Spectral`, as in
/// matplotlib. A name ending in `_r` is the map reversed. nbrun draws each with matplotlib's
/// colours; an unknown name stops the program with matplotlib's message.
public struct Colormap: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        let base = name.hasSuffix("_r") ? String(name.dropLast(2)) : name
        guard Self.names.contains(base) else { plotFailure(PlotText.unknownColormap(name)) }
        self.name = name
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { name }

    /// The maps nbrun can draw (each also with `_r`).
    public static let names: [String] = [
        "Accent", "Blues", "Dark2", "Greens", "Greys", "Paired", "Pastel1", "RdBu", "RdYlBu", "RdYlGn", "Reds",
        "Set1", "Set2", "Set3", "Spectral", "binary", "bwr", "cividis", "coolwarm", "gray", "inferno", "jet",
        "magma", "plasma", "rainbow", "seismic", "tab10", "tab20", "viridis"
    ]
}

extension plt {
    /// matplotlib's `plt.cm`: the colour maps by name, `plt.cm.Spectral`.
    public enum cm {
        public static let viridis = Colormap("viridis")
        public static let plasma = Colormap("plasma")
        public static let inferno = Colormap("inferno")
        public static let magma = Colormap("magma")
        public static let cividis = Colormap("cividis")
        public static let Spectral = Colormap("Spectral")
        public static let coolwarm = Colormap("coolwarm")
        public static let RdBu = Colormap("RdBu")
        public static let RdYlBu = Colormap("RdYlBu")
        public static let RdYlGn = Colormap("RdYlGn")
        public static let bwr = Colormap("bwr")
        public static let seismic = Colormap("seismic")
        public static let jet = Colormap("jet")
        public static let rainbow = Colormap("rainbow")
        public static let Blues = Colormap("Blues")
        public static let Greens = Colormap("Greens")
        public static let Reds = Colormap("Reds")
        public static let Greys = Colormap("Greys")
        public static let binary = Colormap("binary")
        public static let gray = Colormap("gray")
        public static let tab10 = Colormap("tab10")
        public static let tab20 = Colormap("tab20")
        public static let Paired = Colormap("Paired")
        public static let Set1 = Colormap("Set1")
        public static let Set2 = Colormap("Set2")
        public static let Set3 = Colormap("Set3")
        public static let Dark2 = Colormap("Dark2")
        public static let Accent = Colormap("Accent")
        public static let Pastel1 = Colormap("Pastel1")
    }
}

// MARK: - Point colours and sizes

/// What scatter's `c=` takes: one colour for every point (`"red"`), or one number per
/// point (a label array, a tensor), coloured through the colour map.
public protocol ScatterColors {
    /// A colour name, or the numbers.
    var scatterColors: (name: String?, values: [Double]?) { get }
}

extension String: ScatterColors {
    public var scatterColors: (name: String?, values: [Double]?) { (self, nil) }
}

extension Tensor: ScatterColors {
    public var scatterColors: (name: String?, values: [Double]?) { (nil, plotValues.values) }
}

extension Array: ScatterColors where Element: PlotScalar {
    public var scatterColors: (name: String?, values: [Double]?) { (nil, map(\.plotValue)) }
}

/// What scatter's `s=` takes: one marker area in points² for all points, or one per point.
public protocol MarkerSizes {
    var markerSizes: [Double] { get }
}

extension Int: MarkerSizes { public var markerSizes: [Double] { [Double(self)] } }
extension Double: MarkerSizes { public var markerSizes: [Double] { [self] } }
extension Tensor: MarkerSizes { public var markerSizes: [Double] { plotValues.values } }
extension Array: MarkerSizes where Element: PlotScalar {
    public var markerSizes: [Double] { map(\.plotValue) }
}
