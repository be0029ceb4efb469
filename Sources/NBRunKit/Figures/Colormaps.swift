import Foundation

// MARK: - Colour maps

/// matplotlib's colour maps by name: a continuous map is sampled at 17 evenly spaced
/// points (taken from matplotlib 3.11) and interpolated between them; a qualitative map
/// (`tab10`, `Paired` …) keeps its own list of colours, as matplotlib's ListedColormap does.
extension PlotColors {
    /// The colour map's colour at `fraction` (clamped to 0…1) as `#rrggbb`; viridis when
    /// the name is unknown (the runtime refuses unknown names before they get here).
    static func colormap(_ name: String?, _ fraction: Double) -> String {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let (base, reversed) =
            name.map { $0.hasSuffix("_r") ? (String($0.dropLast(2)), true) : ($0, false) } ?? ("viridis", false)
        let t = reversed ? 1 - f : f
        if let colors = listed[base] {
            return colors[min(colors.count - 1, Int(t * Double(colors.count)))]
        }
        guard let samples = continuous[base] else { return viridis(t) }
        let position = t * Double(samples.count - 1)
        let index = min(samples.count - 2, Int(position))
        return mix(samples[index], samples[index + 1], position - Double(index))
    }

    /// The names `colormap(_:_:)` knows; each also reversed with `_r`.
    static var colormapNames: [String] { (Array(continuous.keys) + Array(listed.keys)).sorted() }

    private static func mix(_ a: String, _ b: String, _ t: Double) -> String {
        func channels(_ hex: String) -> [Double] {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            return [Double(value >> 16 & 0xff), Double(value >> 8 & 0xff), Double(value & 0xff)]
        }
        let (x, y) = (channels(a), channels(b))
        return "#"
            + (0..<3).map { i in
                let hex = String(Int((x[i] + (y[i] - x[i]) * t).rounded()), radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
    }

    private static let continuous: [String: [String]] = [
        "viridis": [
            "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
            "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725"
        ],
        "plasma": [
            "#0d0887", "#310597", "#4c02a1", "#6600a7", "#7e03a8", "#9511a1", "#aa2395", "#bc3587", "#cc4778",
            "#da5a6a", "#e66c5c", "#f0804e", "#f89540", "#fdac33", "#fdc527", "#f8df25", "#f0f921"
        ],
        "inferno": [
            "#000004", "#0b0724", "#210c4a", "#3d0965", "#57106e", "#71196e", "#8a226a", "#a32c61", "#bc3754",
            "#d24644", "#e45a31", "#f1731d", "#f98e09", "#fcac11", "#f9cb35", "#f2ea69", "#fcffa4"
        ],
        "magma": [
            "#000004", "#0a0822", "#1d1147", "#36106b", "#51127c", "#6a1c81", "#832681", "#9c2e7f", "#b73779",
            "#d0416f", "#e75263", "#f56b5c", "#fc8961", "#fea772", "#fec488", "#fde2a3", "#fcfdbf"
        ],
        "cividis": [
            "#00224e", "#002e6a", "#1a386f", "#32436d", "#434e6c", "#535a6d", "#61656f", "#6f7073", "#7d7c78",
            "#8c8878", "#9b9476", "#aba072", "#bcae6c", "#cdbb63", "#dec958", "#f0d846", "#fee838"
        ],
        "Spectral": [
            "#9e0142", "#c1274a", "#dd4a4c", "#f06744", "#f98e52", "#fdb567", "#fed481", "#feec9f", "#ffffbe",
            "#eff9a6", "#d6ee9b", "#b1dfa3", "#86cfa5", "#5eb9a9", "#3d95b8", "#4471b2", "#5e4fa2"
        ],
        "coolwarm": [
            "#3b4cc0", "#4e68d8", "#6282ea", "#779af7", "#8db0fe", "#a3c2fe", "#b9d0f9", "#ccd9ed", "#dddcdc",
            "#ecd3c5", "#f5c4ac", "#f7b093", "#f4987a", "#eb7d62", "#dd5f4b", "#ca3b37", "#b40426"
        ],
        "RdBu": [
            "#67001f", "#960f27", "#bb2a34", "#d25849", "#e58368", "#f5ac8b", "#fbceb7", "#fbe6da", "#f6f7f7",
            "#deebf2", "#c0dceb", "#98c8e0", "#68abd0", "#3e8cbf", "#2870b1", "#15508d", "#053061"
        ],
        "RdYlBu": [
            "#a50026", "#c41e27", "#de402e", "#f16640", "#f98e52", "#fdb567", "#fed485", "#feeca2", "#feffc0",
            "#ebf7e4", "#d1ecf4", "#b0dcea", "#8ec2dc", "#6da4cc", "#4f81ba", "#3d5ba7", "#313695"
        ],
        "RdYlGn": [
            "#a50026", "#c41e27", "#de402e", "#f16640", "#f98e52", "#fdb567", "#fed481", "#feec9f", "#feffbe",
            "#e6f59d", "#cbe982", "#abdb6d", "#84ca66", "#5ab760", "#2aa054", "#0f8446", "#006837"
        ],
        "bwr": [
            "#0000ff", "#2020ff", "#4040ff", "#6060ff", "#8080ff", "#a0a0ff", "#c0c0ff", "#e0e0ff", "#fffefe",
            "#ffdede", "#ffbebe", "#ff9e9e", "#ff7e7e", "#ff5e5e", "#ff3e3e", "#ff1e1e", "#ff0000"
        ],
        "seismic": [
            "#00004c", "#000079", "#0000a6", "#0000d3", "#0101ff", "#4141ff", "#8181ff", "#c1c1ff", "#fffdfd",
            "#ffbdbd", "#ff7d7d", "#ff3d3d", "#fe0000", "#de0000", "#be0000", "#9e0000", "#800000"
        ],
        "jet": [
            "#000080", "#0000c8", "#0000ff", "#0040ff", "#0080ff", "#00c0ff", "#16ffe1", "#49ffad", "#7dff7a",
            "#b1ff46", "#e4ff13", "#ffd000", "#ff9400", "#ff5900", "#ff1e00", "#c40000", "#800000"
        ],
        "rainbow": [
            "#8000ff", "#6032fe", "#4062fa", "#208ef4", "#00b5eb", "#20d5e1", "#40ecd4", "#60fac5", "#80ffb4",
            "#a0faa1", "#c0eb8d", "#e0d377", "#ffb360", "#ff8c49", "#ff5f30", "#ff2f18", "#ff0000"
        ],
        "Blues": [
            "#f7fbff", "#eaf3fb", "#deebf7", "#d2e3f3", "#c6dbef", "#b2d2e8", "#9dcae1", "#84bcdb", "#6aaed6",
            "#56a0ce", "#4191c6", "#3181bd", "#2070b4", "#1460a8", "#08509b", "#084082", "#08306b"
        ],
        "Greens": [
            "#f7fcf5", "#eef8ea", "#e5f5e0", "#d6efd0", "#c7e9c0", "#b4e1ad", "#a0d99b", "#8ace88", "#73c476",
            "#5ab769", "#40aa5d", "#319a50", "#228a44", "#117b38", "#006c2c", "#005723", "#00441b"
        ],
        "Reds": [
            "#fff5f0", "#feeae1", "#fee0d2", "#fdcdb9", "#fcbba1", "#fca689", "#fc9272", "#fb7d5d", "#fb694a",
            "#f5523a", "#ee3a2c", "#dc2924", "#ca181d", "#b71319", "#a30f15", "#840711", "#67000d"
        ],
        "Greys": [
            "#ffffff", "#f7f7f7", "#f0f0f0", "#e4e4e4", "#d9d9d9", "#cbcbcb", "#bdbdbd", "#a9a9a9", "#959595",
            "#848484", "#727272", "#626262", "#515151", "#3a3a3a", "#242424", "#111111", "#000000"
        ],
        "binary": [
            "#ffffff", "#efefef", "#dfdfdf", "#cfcfcf", "#bfbfbf", "#afafaf", "#9f9f9f", "#8f8f8f", "#7f7f7f",
            "#6f6f6f", "#5f5f5f", "#4f4f4f", "#3f3f3f", "#2f2f2f", "#1f1f1f", "#0f0f0f", "#000000"
        ],
        "gray": [
            "#000000", "#101010", "#202020", "#303030", "#404040", "#505050", "#606060", "#707070", "#808080",
            "#909090", "#a0a0a0", "#b0b0b0", "#c0c0c0", "#d0d0d0", "#e0e0e0", "#f0f0f0", "#ffffff"
        ]
    ]

    private static let listed: [String: [String]] = [
        "tab10": [
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
        ],
        "tab20": [
            "#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd",
            "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7", "#bcbd22", "#dbdb8d",
            "#17becf", "#9edae5"
        ],
        "Paired": [
            "#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f", "#ff7f00", "#cab2d6",
            "#6a3d9a", "#ffff99", "#b15928"
        ],
        "Set1": ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#ffff33", "#a65628", "#f781bf", "#999999"],
        "Set2": ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"],
        "Set3": [
            "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9",
            "#bc80bd", "#ccebc5", "#ffed6f"
        ],
        "Dark2": ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"],
        "Accent": ["#7fc97f", "#beaed4", "#fdc086", "#ffff99", "#386cb0", "#f0027f", "#bf5b17", "#666666"],
        "Pastel1": ["#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec", "#f2f2f2"]
    ]
}
