/// An `output` block after a cell: the stdout the notebook documents for it.
///
/// ````markdown
/// ```swift-cell
/// print(0.1 + 0.2)
/// ```
///
/// ```output match=numbers rtol=1e-12
/// 0.30000000000000004
/// ```
/// ````
public struct DocumentedOutput: Sendable, Equatable {
    /// The index of the cell it documents.
    public var cellIndex: Int
    /// The line of the opening fence.
    public var line: Int
    public var options: OutputOptions
    /// The documented text, as cmark-gfm gives it (fences and indentation removed).
    public var content: String
    /// The whole fenced block as written.
    public var rawText: String
    public var fence: Character
    public var fenceLength: Int
    /// How far the opening fence is indented inside its list item or block quote.
    public var indent: Int
    /// What goes in front of each line written into the block: the text in front of the
    /// opening fence (its indentation, and the indentation and `>` markers of the list
    /// items and block quotes that hold it), with any list marker turned into spaces and
    /// a space after each `>` (so `"1. "` gives `"   "`, `"> - "` gives `">   "`). With
    /// its trailing blanks removed, it is the text of a blank line there.
    public var continuationPrefix = ""
    /// Whether a closing fence ends the block.
    public var isTerminated = true
}

/// How a documented output is compared with the actual one. Unset values fall back
/// to the notebook's front matter, then the command line, then the built-in defaults.
public struct OutputOptions: Sendable, Equatable {
    public var match: MatchMode?
    public var rtol: Double?
    public var atol: Double?

    public init(match: MatchMode? = nil, rtol: Double? = nil, atol: Double? = nil) {
        self.match = match
        self.rtol = rtol
        self.atol = atol
    }

    /// These options, with `fallback` filling what is unset.
    public func filled(from fallback: OutputOptions) -> OutputOptions {
        OutputOptions(match: match ?? fallback.match, rtol: rtol ?? fallback.rtol, atol: atol ?? fallback.atol)
    }

    /// Reads `match=… rtol=… atol=…` words.
    init(words: [Substring]) throws(CellOptions.OptionError) {
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                throw .init("output option '\(word)' needs a value, as in match=numbers")
            }
            try set(String(parts[0]), String(parts[1]))
        }
    }

    /// Sets one option by name; used for fence words and front matter alike.
    mutating func set(_ key: String, _ value: String) throws(CellOptions.OptionError) {
        switch key {
        case "match":
            guard let mode = MatchMode(rawValue: value) else {
                throw .init("match takes exact, numbers or ignore, not '\(value)'")
            }
            match = mode
        case "rtol", "atol":
            guard let number = Double(value), number >= 0, number.isFinite else {
                throw .init("\(key) takes a non-negative number, not '\(value)'")
            }
            if key == "rtol" { rtol = number } else { atol = number }
        default:
            throw .init("unknown output option '\(key)'; known options: match, rtol, atol")
        }
    }
}

/// How documented and actual output are compared.
public enum MatchMode: String, Sendable, CaseIterable {
    /// Byte for byte (after trimming trailing spaces and the final newline).
    case exact
    /// The text must match; numbers may differ within tolerance or as written.
    case numbers
    /// Not compared; for output that can't be deterministic.
    case ignore
}
