import Foundation

/// A parsed notebook: its source text cut into blocks of prose and cells.
///
/// Printing the blocks back (``text``) gives exactly the bytes that were parsed,
/// so a rewriter built on this model cannot lose anything.
public struct Notebook: Sendable {
    /// The path as the user named it; used in every location nbrun reports.
    public var file: String
    public var blocks: [Block]
    /// Warnings found while parsing (they don't stop a run).
    public var diagnostics: [Diagnostic]
    /// The top-level headings, in order.
    public var headings: [Heading] = []
    /// Whether the file started with a UTF-8 byte order mark, kept for round trips.
    public var hasByteOrderMark: Bool

    public enum Block: Sendable {
        case prose(Prose)
        case cell(Cell)
        /// A cell's documented output.
        case output(DocumentedOutput)
        /// YAML front matter at the top of the file.
        case frontMatter(Prose)
    }

    /// Comparison defaults from the front matter's `nbrun:` section.
    public var outputDefaults = OutputOptions()
    /// The front matter's `keep-going: true`: after a trap, run the cells that don't depend on it.
    public var keepGoing = false
    /// The front matter's KaTeX macros, `\vx` → `\mathbf{x}`.
    public var macros: [String: String] = [:]
    /// The front matter's `handout: true`: reports leave out nbrun's own chrome.
    public var handout = false
    /// The front matter's `tensors:`: which tensors reports show for a cell that doesn't say.
    public var tensors = TensorDisplay.changed
    /// The front matter's `cache: true`: cells without a `cache=` option are cached (`render`'s execution cache).
    public var cache = false
    /// The front matter's top-level `lang:`, the language the prose is written in; nil for English.
    public var lang: String?
    /// Set on a student or solution version made by ``version(_:disablingExercises:)``.
    public var versionInfo: VersionInfo?

    /// The cells, in document order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    /// The documented outputs, by the index of the cell each one follows. The blocks
    /// are the only place an output is stored; this looks them up.
    public var documentedOutputs: [Int: DocumentedOutput] {
        var outputs: [Int: DocumentedOutput] = [:]
        for case .output(let output) in blocks { outputs[output.cellIndex] = output }
        return outputs
    }

    /// The `output` block that follows `cell`, if any.
    public func documentedOutput(of cell: Cell) -> DocumentedOutput? {
        for case .output(let output) in blocks where output.cellIndex == cell.index { return output }
        return nil
    }

    /// The notebook line `number`, without its terminator (and without a byte order mark).
    ///
    /// Only the block holding the line is cut into lines, not the whole notebook: this
    /// is called for every diagnostic, and a notebook can be megabytes long.
    public func line(_ number: Int) -> String {
        guard let block = blocks.last(where: { $0.firstLine <= number }) else { return "" }
        return SourceLines(block.rawText)[number - block.firstLine + 1]
    }

    /// The notebook's bytes, rebuilt from its blocks.
    public var text: String {
        (hasByteOrderMark ? "\u{FEFF}" : "") + blocks.map(\.rawText).joined()
    }
}

extension Notebook.Block {
    /// The notebook line this block starts on.
    var firstLine: Int {
        switch self {
        case .prose(let prose), .frontMatter(let prose): prose.line
        case .cell(let cell): cell.line
        case .output(let output): output.line
        }
    }

    /// The exact source text of this block, line terminators included.
    public var rawText: String {
        switch self {
        case .prose(let prose), .frontMatter(let prose): prose.rawText
        case .cell(let cell): cell.rawText
        case .output(let output): output.rawText
        }
    }
}

/// A top-level heading of the notebook's prose.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var line: Int
}

/// Markdown between cells, kept as written.
public struct Prose: Sendable, Equatable {
    public var rawText: String
    /// The line of the notebook where this prose starts.
    public var line: Int
}

/// A fenced `swift-cell` block (or `swift cell`), at the top level or inside list
/// items and block quotes.
public struct Cell: Sendable, Equatable {
    /// 1-based position among the notebook's cells.
    public var index: Int
    /// The line of the opening fence.
    public var line: Int
    /// The options written after `swift-cell` (or `swift cell`).
    public var options: CellOptions
    /// The code, without the fences, as cmark-gfm gives it (ends with a newline unless
    /// empty). Inside a list item or block quote, the container's indentation and `>`
    /// markers are not part of it; ``linePrefixes`` says what they were.
    public var source: String
    /// The whole fenced block as written, fences included: whole lines, with any list
    /// marker, indentation and `>` markers in front of the fences and the code.
    public var rawText: String
    /// Whether a closing fence ends the cell. An unterminated one runs to the end of the
    /// file, or of the list item or block quote that holds it.
    public var isTerminated = true
    /// How the fence names the cell.
    public var spelling: Spelling = .hyphenated
    /// For each line of ``source``, in order, what stands in front of it on its notebook
    /// line (notebook line ``firstCodeLine`` + n holds source line n). Empty text for a
    /// top-level cell whose fence is not indented.
    public var linePrefixes: [LinePrefix] = []
    /// What goes in front of a new line written in the same list items and block quotes
    /// as the cell, at the indentation of its fence (`"   "`, `"> "`, `"> >   "` …; `""`
    /// at the top level). See ``DocumentedOutput/continuationPrefix``.
    public var continuationPrefix = ""
    /// How many list items and block quotes hold the cell; 0 at the top level.
    public var containerDepth = 0

    /// The two ways to write a cell's fence.
    public enum Spelling: String, Sendable, Equatable {
        /// ```` ```swift-cell id=a ````, the documented default.
        case hyphenated = "swift-cell"
        /// ```` ```swift cell id=a ````, which GitHub and editors highlight as Swift.
        case spaced = "swift cell"
    }

    /// The notebook line of the first line of code.
    public var firstCodeLine: Int { line + 1 }

    /// How messages name the cell: `cell 2`, or `cell 2 (forward)` when it has an id.
    public var name: String { "cell \(index)" + (options.id.map { " (\($0))" } ?? "") }

    /// The cell's name for people: its id, or the first non-blank line of code.
    public var label: String {
        if let id = options.id { return id }
        let first = source.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }
        return first.map(\.trimmingBlanks) ?? "cell \(index)"
    }

    /// The 1-based UTF-8 column on notebook line `line` of 1-based UTF-8 column `column`
    /// of the same line of ``source``; `column` itself for a line outside the cell.
    ///
    /// A column inside the spaces that cmark made from a tab is the tab's column.
    public func notebookUTF8Column(line: Int, column: Int) -> Int {
        let number = line - firstCodeLine
        guard linePrefixes.indices.contains(number) else { return column }
        let prefix = linePrefixes[number]
        return prefix.text.utf8.count + max(column - prefix.spacesFromTab, 1)
    }
}

/// What stands in front of a line of a cell's code on its notebook line: the fence's
/// indentation, and the indentation and `>` markers of the list items and block quotes
/// that hold the cell.
///
/// The notebook line is ``text`` followed by the code line without its first
/// ``spacesFromTab`` characters.
public struct LinePrefix: Sendable, Equatable {
    public var text: String
    /// How many of the code line's leading spaces stand for the rest of a tab at the end
    /// of ``text``; they are not in the notebook. cmark splits a tab that straddles the
    /// containers' indentation and the code's own. Almost always 0.
    public var spacesFromTab = 0

    public init(_ text: String, spacesFromTab: Int = 0) {
        self.text = text
        self.spacesFromTab = spacesFromTab
    }
}
