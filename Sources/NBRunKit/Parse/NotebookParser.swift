import Foundation

extension Notebook {
    /// Parses notebook text with cmark-gfm and cuts it into prose, cells and documented outputs.
    ///
    /// A cell is a fenced code block whose info string starts with the word `swift-cell`,
    /// or with the words `swift` and `cell`, at the top level or inside list items and
    /// block quotes (at any depth). A fenced `output` block right after a cell (only
    /// blank lines between, which may hold `>` markers) documents the cell's stdout.
    /// Other fenced blocks and indented code are prose.
    /// Throws ``ParseError`` for a malformed option or front matter; an unterminated
    /// fence or an `output` block with no cell is a warning.
    public init(parsing text: String, file: String) throws(ParseError) {
        var parser = NotebookParser(text: text, file: file)
        try parser.parse()
        self = parser.notebook
    }
}

/// The state of one parse; see ``Notebook/init(parsing:file:)``.
private struct NotebookParser {
    let file: String
    let lines: SourceLines
    let body: String
    var notebook: Notebook
    /// The first line not yet assigned to a block.
    var nextLine = 1
    /// How many cells were taken so far, and the line of the first cell with each `id=`
    /// (asking `notebook.cells`, which collects every cell again, made parsing quadratic).
    var cellCount = 0
    var idLines: [String: Int] = [:]

    init(text: String, file: String) {
        let hasBOM = text.unicodeScalars.first == "\u{FEFF}"
        body = hasBOM ? String(text.unicodeScalars.dropFirst()) : text
        lines = SourceLines(body)
        self.file = file
        notebook = Notebook(file: file, blocks: [], diagnostics: [], hasByteOrderMark: hasBOM)
    }

    mutating func parse() throws(ParseError) {
        var markdown = body
        if let end = FrontMatter.end(in: lines) {
            let text = lines.text(from: 1, through: end)
            let settings = try FrontMatter.settings(in: text, file: file)
            notebook.outputDefaults = settings.outputDefaults
            notebook.keepGoing = settings.keepGoing
            notebook.cache = settings.cache
            notebook.macros = settings.macros
            notebook.handout = settings.handout
            notebook.tensors = settings.tensors
            notebook.lang = settings.lang
            notebook.blocks.append(.frontMatter(Prose(rawText: text, line: 1)))
            nextLine = end + 1
            // Blank lines keep cmark's line numbers right without showing it the YAML.
            markdown = String(repeating: "\n", count: end) + lines.text(from: end + 1, through: lines.count)
        }
        for block in CommonMarkConverter.blocks(of: markdown) where block.startLine >= nextLine {
            try take(block)
        }
        appendProse(upTo: lines.count + 1)
    }

    private mutating func take(_ block: MarkdownBlock) throws(ParseError) {
        if case let .heading(level, text) = block.kind {
            notebook.headings.append(Heading(level: level, text: text, line: block.startLine))
        }
        guard case let .fencedCode(code) = block.kind else { return }
        let words = code.info.split(whereSeparator: \.isWhitespace)
        let location = SourceLocation(file: file, line: block.startLine)
        if !code.isClosed {
            let end =
                switch block.containers.last {
                case nil: "the end of the file"
                case .blockQuote?: "the end of its block quote"
                case .listItem?: "the end of its list item"
                }
            warn("unterminated code fence: it runs to \(end)", at: block.startLine)
        }
        let rawText = lines.text(from: block.startLine, through: block.endLine)
        let continuation = ContainerPrefix.continuation(ofFenceLine: lines[block.startLine], fence: code.fence)
        if let (spelling, optionWords) = Self.cellFence(words) {
            let options: CellOptions
            do { options = try CellOptions(words: optionWords) } catch {
                throw .badCellOption(error.message, at: location, sourceLine: lines[block.startLine])
            }
            if let id = options.id {
                if let first = idLines[id] {
                    throw .duplicateID(id, at: location, sourceLine: lines[block.startLine], first: first)
                }
                idLines[id] = block.startLine
            }
            appendProse(upTo: block.startLine)
            cellCount += 1
            notebook.blocks.append(
                .cell(
                    Cell(
                        index: cellCount, line: block.startLine, options: options, source: code.literal,
                        rawText: rawText, isTerminated: code.isClosed, spelling: spelling,
                        linePrefixes: ContainerPrefix.linePrefixes(
                            of: code.literal, in: lines, from: block.startLine + 1),
                        continuationPrefix: continuation, containerDepth: block.containers.count)))
            nextLine = block.endLine + 1
        } else if words.first == "output" {
            // Blank lines inside a block quote still hold its `>` markers.
            guard case .cell(let cell)? = notebook.blocks.last,
                (nextLine..<block.startLine).allSatisfy({ lines[$0].allSatisfy { $0.isWhitespace || $0 == ">" } })
            else {
                warn("this output block follows no cell, so nothing is compared with it", at: block.startLine)
                return
            }
            let options: OutputOptions
            do { options = try OutputOptions(words: Array(words.dropFirst())) } catch {
                throw .badCellOption(error.message, at: location, sourceLine: lines[block.startLine])
            }
            let output = DocumentedOutput(
                cellIndex: cell.index, line: block.startLine, options: options, content: code.literal, rawText: rawText,
                fence: code.fence, fenceLength: code.fenceLength, indent: code.indent,
                continuationPrefix: continuation, isTerminated: code.isClosed)
            appendProse(upTo: block.startLine)
            notebook.blocks.append(.output(output))
            nextLine = block.endLine + 1
        }
    }

    /// How a fence's info words name a cell, and the words that hold its options; nil
    /// when they don't name one (a plain `swift` block is prose).
    private static func cellFence(_ words: [Substring]) -> (Cell.Spelling, [Substring])? {
        if words.first == "swift-cell" { return (.hyphenated, Array(words.dropFirst())) }
        if words.count >= 2, words[0] == "swift", words[1] == "cell" { return (.spaced, Array(words.dropFirst(2))) }
        return nil
    }

    private mutating func appendProse(upTo line: Int) {
        guard line > nextLine else { return }
        notebook.blocks.append(.prose(Prose(rawText: lines.text(from: nextLine, through: line - 1), line: nextLine)))
        nextLine = line
    }

    private mutating func warn(_ message: String, at line: Int) {
        notebook.diagnostics.append(
            Diagnostic(
                .warning, message, at: SourceLocation(file: file, line: line), sourceLine: lines[line]))
    }
}

/// Why a notebook could not be parsed.
public enum ParseError: Error, Equatable, Sendable {
    case badCellOption(String, at: SourceLocation, sourceLine: String)
    case duplicateID(String, at: SourceLocation, sourceLine: String, first: Int)
    case badFrontMatter(String, at: SourceLocation, sourceLine: String)
    /// A solution marker without its pair (see ``SolutionMarkers``).
    case badSolutionMarker(String, at: SourceLocation, sourceLine: String)

    public var diagnostic: Diagnostic {
        switch self {
        case let .badCellOption(message, location, line), let .badFrontMatter(message, location, line),
            let .badSolutionMarker(message, location, line):
            Diagnostic(.error, message, at: location, sourceLine: line)
        case let .duplicateID(id, location, line, first):
            Diagnostic(
                .error, "duplicate cell id '\(id)'; it was first used at line \(first)",
                at: location, sourceLine: line)
        }
    }
}

extension ParseError: LocalizedError {
    public var errorDescription: String? { diagnostic.formatted }
}
