// MARK: - Text width

/// An estimate of how wide text is, for layout: the figure's font is the report's, which
/// the writer cannot measure, so widths are those of a typical proportional font,
/// rounded up a little so that labels do not collide in wider fonts.
enum TextWidth {
    /// The width of `text` at `size` pixels.
    static func of(_ text: String, size: Double) -> Double {
        text.reduce(0) { $0 + em($1) } * size
    }

    /// The width of a label whose raised runs are set at 75%.
    static func of(_ label: TickLabel, size: Double) -> Double {
        label.runs.reduce(0) { $0 + of($1.text, size: $1.raised ? size * 0.75 : size) }
    }

    private static func em(_ character: Character) -> Double {
        switch character {
        case "0"..."9": return 0.58
        case ".", ",", ":", ";", "'", "|", "!", "i", "j", "l", "I": return 0.3
        case " ", "f", "t", "r", "(", ")", "[", "]": return 0.36
        case "m", "w", "M", "W", "@": return 0.86
        case "\u{2212}", "+", "=", "×", "<", ">": return 0.62
        case "A"..."Z": return 0.7
        case "a"..."z": return 0.55
        default: return character.isASCII ? 0.6 : 0.9
        }
    }
}
