import Foundation

/// Where a notebook marks the solutions of its exercises, in nbgrader's convention.
///
/// - In a cell, the lines from `// BEGIN SOLUTION` through `// END SOLUTION` (each alone
///   on its line, indented or not) are a solution region.
/// - A cell whose fence says `solution` (```` ```swift-cell solution ````) is a solution
///   as a whole.
/// - In the prose, the lines from `<!-- BEGIN SOLUTION -->` through `<!-- END SOLUTION -->`
///   (alone on their lines, inside list items and block quotes too) are a solution, and so
///   is every cell between them. Markers inside code blocks of the prose are examples, not
///   markers.
///
/// Regions don't nest, and each BEGIN needs its END before the cell (in code) or the
/// notebook (in prose) ends.
struct SolutionMarkers: Sendable {
    /// A region in a cell: the notebook lines of its BEGIN and END markers.
    struct CodeRegion: Equatable, Sendable {
        var cell: Int
        var begin: Int
        var end: Int
    }

    var codeRegions: [CodeRegion] = []
    /// The notebook lines of each prose region's BEGIN and END markers.
    var proseRegions: [ClosedRange<Int>] = []
    /// The cells that are solutions as a whole: `solution` ones, and those inside prose regions.
    var solutionCells: Set<Int> = []
    /// The cells inside prose regions.
    var cellsInProse: Set<Int> = []

    var isEmpty: Bool { codeRegions.isEmpty && proseRegions.isEmpty && solutionCells.isEmpty }

    static let codeBegin = "// BEGIN SOLUTION", codeEnd = "// END SOLUTION"
    static let proseBegin = "<!-- BEGIN SOLUTION -->", proseEnd = "<!-- END SOLUTION -->"

    /// Finds the markers of `notebook`. Throws ``ParseError/badSolutionMarker(_:at:sourceLine:)`` for a marker without its pair.
    init(_ notebook: Notebook) throws(ParseError) {
        for cell in notebook.cells where cell.options.solution { solutionCells.insert(cell.index) }
        let text = notebook.blocks.map(\.rawText).joined()
        // Every marker names SOLUTION: a notebook without the word has none, and is spared
        // a second parse and a line index (1 ms of a cold run of backprop.md).
        guard text.containsBytes(of: "SOLUTION") else { return }
        let lines = SourceLines(text)
        func problem(_ message: String, _ line: Int) -> ParseError {
            .badSolutionMarker(message, at: SourceLocation(file: notebook.file, line: line), sourceLine: lines[line])
        }
        for cell in notebook.cells {
            var open: Int?
            for (offset, code) in cell.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = cell.firstCodeLine + offset
                switch code.trimmingBlanks {
                case Self.codeBegin:
                    if let open { throw problem("a solution region is already open here, since line \(open)", line) }
                    open = line
                case Self.codeEnd:
                    guard let begin = open else {
                        throw problem("\(Self.codeEnd) without \(Self.codeBegin) before it", line)
                    }
                    codeRegions.append(CodeRegion(cell: cell.index, begin: begin, end: line))
                    open = nil
                default:
                    continue
                }
            }
            if let open { throw problem("\(Self.codeBegin) without \(Self.codeEnd) before the cell ends", open) }
        }
        let examples = Set(CommonMarkConverter.codeBlockLines(of: text).joined())
        var open: Int?
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                for line in prose.line..<(prose.line + SourceLines(prose.rawText).count) where !examples.contains(line)
                {
                    switch lines[line].drop(while: { $0 == " " || $0 == "\t" || $0 == ">" }).trimmingBlanks {
                    case Self.proseBegin:
                        if let open {
                            throw problem("a solution region is already open here, since line \(open)", line)
                        }
                        open = line
                    case Self.proseEnd:
                        guard let begin = open else {
                            throw problem("\(Self.proseEnd) without \(Self.proseBegin) before it", line)
                        }
                        proseRegions.append(begin...line)
                        open = nil
                    default:
                        continue
                    }
                }
            case .cell(let cell) where open != nil:
                cellsInProse.insert(cell.index)
                solutionCells.insert(cell.index)
            default:
                continue
            }
        }
        if let open { throw problem("\(Self.proseBegin) without \(Self.proseEnd) after it", open) }
    }
}
