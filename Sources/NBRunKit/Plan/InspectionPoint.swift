import Foundation
@_spi(Experimental) import SwiftLexicalLookup
import SwiftParser
import SwiftSyntax

/// A notebook line instrumented for `nbrun inspect`: just before the statement that starts
/// on it, one call records every variable in scope there, each time execution gets there.
///
/// The names come from SwiftLexicalLookup at that statement (loop variables, parameters,
/// locals, the cell's own earlier top-level names) and from the plan (the stored values
/// of the cells before it). The call is written with the author's names on the line
/// itself, before the statement and a `;`, so that the planner binds each name as it
/// binds the author's code (a shadowed name reads its newest value), and every line
/// keeps its number.
public struct InspectionPoint: Sendable {
    /// The notebook with the line instrumented.
    public var notebook: Notebook
    /// The cell that holds the line.
    public var cell: Int
    /// The names recorded, innermost first.
    public var names: [String]

    /// Instruments `line` of `notebook` to record the first `hits` times; `leavingOut` names
    /// cells whose values can't be recorded (they don't compile).
    public init(
        _ notebook: Notebook, line: Int, hits: Int, leavingOut excluded: Set<Int> = []
    ) throws(InspectionError) {
        guard
            let cell = notebook.cells.last(where: { $0.firstCodeLine <= line }),
            line - cell.firstCodeLine < cell.source.split(separator: "\n", omittingEmptySubsequences: false).count
                - (cell.source.hasSuffix("\n") ? 1 : 0)
        else { throw .notInCell(line: line) }
        guard cell.options.eval else { throw .notRun(line: line, cell: cell.index) }
        let tree = Parser.parse(source: cell.source)
        let lineStart = Self.utf8Offset(ofLine: line - cell.firstCodeLine, in: cell.source)
        let lineEnd =
            cell.source.utf8.dropFirst(lineStart).firstIndex(of: UInt8(ascii: "\n"))
            .map { cell.source.utf8.distance(from: cell.source.utf8.startIndex, to: $0) } ?? cell.source.utf8.count
        let finder = StatementFinder(range: lineStart..<max(lineEnd, lineStart + 1))
        finder.walk(tree)
        guard let statement = finder.found else { throw .noStatement(line: line) }

        var names: [String] = []
        let position = statement.positionAfterSkippingLeadingTrivia
        for result in statement.lookup(nil) {
            guard case .fromScope(_, let found) = result else { continue }
            for name in found {
                let name = Self.first(name)
                guard case .identifier(_, let accessibleAfter) = name, accessibleAfter.map({ $0 <= position }) ?? true
                else { continue }
                let text: String? = name.identifier.name
                guard let name = text?.unquoted, !name.isEmpty, name != "_", !names.contains(name) else { continue }
                names.append(name)
            }
        }
        // The cell's own top-level values declared before the statement (lookup leaves the
        // file's top level to the caller), then the stored values of the cells before.
        for declaration in CellSyntax(tree: tree).declarations
        where declaration.isStored && declaration.end <= position.utf8Offset && !names.contains(declaration.name) {
            names.append(declaration.name)
        }
        let plan = NotebookPlan(notebook)
        var earlier: [String] = []
        for planned in plan.cells where planned.cell.index < cell.index && !planned.cell.options.expectError {
            guard !excluded.contains(planned.cell.index), planned.diagnostics.isEmpty else { continue }
            for capture in planned.captures.prefix(planned.declaredValues.count) where !earlier.contains(capture.name) {
                earlier.append(capture.name)
            }
        }
        names += earlier.filter { !names.contains($0) }

        let arguments = names.map { "(\(Escape.swiftLiteral($0)), \($0))" }
        let call =
            "\(NotebookPlan.session).inspect(line: \(line), limit: \(hits)"
            + arguments.map { ", " + $0 }.joined() + "); "
        var bytes = Array(cell.source.utf8)
        bytes.insert(contentsOf: Array(call.utf8), at: position.utf8Offset)
        var instrumented = notebook
        for index in instrumented.blocks.indices {
            guard case .cell(var block) = instrumented.blocks[index], block.index == cell.index else { continue }
            block.source = String(decoding: bytes, as: UTF8.self)
            instrumented.blocks[index] = .cell(block)
        }
        self.notebook = instrumented
        self.cell = cell.index
        self.names = names
    }

    private static func first(_ name: LookupName) -> LookupName {
        if case .equivalentNames(let names) = name, let first = names.first { return first }
        return name
    }

    private static func utf8Offset(ofLine index: Int, in text: String) -> Int {
        var offset = 0
        var line = 0
        for byte in text.utf8 {
            if line == index { break }
            offset += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
        }
        return offset
    }
}

/// The first statement (outermost, then earliest) that starts within a range of a cell.
private final class StatementFinder: SyntaxVisitor {
    let range: Range<Int>
    var found: CodeBlockItemSyntax?

    init(range: Range<Int>) {
        self.range = range
        super.init(viewMode: .sourceAccurate)
    }

    override func visit(_ node: CodeBlockItemSyntax) -> SyntaxVisitorContinueKind {
        guard found == nil else { return .skipChildren }
        let start = node.positionAfterSkippingLeadingTrivia.utf8Offset
        if range.contains(start) {
            found = node
            return .skipChildren
        }
        let end = node.endPositionBeforeTrailingTrivia.utf8Offset
        return start < range.upperBound && end > range.lowerBound ? .visitChildren : .skipChildren
    }
}

/// Why a line can't be inspected.
public enum InspectionError: Error, Equatable, Sendable {
    case notInCell(line: Int)
    case notRun(line: Int, cell: Int)
    case noStatement(line: Int)
}

extension InspectionError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .notInCell(let line):
            "line \(line) is not a line of a cell's code; give the line of a statement inside a swift-cell fence"
        case .notRun(let line, let cell):
            "line \(line) is in cell \(cell), which has eval=false and never runs"
        case .noStatement(let line):
            "no statement starts on line \(line) (a blank line, a comment, a closing brace or the rest of a "
                + "statement); give the line where a statement starts"
        }
    }
}
