import Foundation

// MARK: - Colours

/// The colours of series and images.
enum PlotColors {
    /// The default cycle: Okabe and Ito's palette for colour-blind readers, strongest
    /// colours first. Its black is the text colour, so that it stays visible in a dark scheme.
    static let cycle = ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "currentColor"]

    /// The colour a notebook named: matplotlib's `C0`…`C9` (into this cycle), its one-letter
    /// names, or a plain CSS colour; nil for no name or one that is not a plain colour.
    static func color(named name: String?) -> String? {
        guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        if name.count == 2, name.first == "C", let n = name.last?.wholeNumberValue { return cycle[n % cycle.count] }
        if let letter = letters[name] { return letter }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "#(),.% -"))
        guard name.unicodeScalars.allSatisfy(allowed.contains), name.count <= 40 else { return nil }
        return name.lowercased() == "black" ? "currentColor" : name
    }

    /// matplotlib's one-letter colours; black (`k`) is the text colour.
    private static let letters = [
        "b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf",
        "m": "#bf00bf", "y": "#bfbf00", "k": "currentColor", "w": "#ffffff"
    ]

    // MARK: - Viridis

    /// Eleven evenly spaced colours of viridis (0, 0.1, …, 1), the perceptually uniform
    /// map matplotlib uses for images; colours between them are interpolated.
    private static let viridis: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x48, 0x25, 0x76), (0x41, 0x44, 0x87), (0x35, 0x60, 0x8d),
        (0x2a, 0x78, 0x8e), (0x21, 0x90, 0x8c), (0x22, 0xa8, 0x84), (0x43, 0xbf, 0x71),
        (0x7a, 0xd1, 0x51), (0xbb, 0xdf, 0x27), (0xfd, 0xe7, 0x25)
    ]

    /// The viridis colour at `fraction` (clamped to 0…1) as `#rrggbb`.
    static func viridis(_ fraction: Double) -> String {
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let position = f * Double(viridis.count - 1)
        let index = min(viridis.count - 2, Int(position))
        let t = position - Double(index)
        let (a, b) = (viridis[index], viridis[index + 1])
        let channels = [a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t]
        return "#"
            + channels.map { channel in
                let hex = String(Int(channel.rounded()), radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
    }
}
