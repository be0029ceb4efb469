import Foundation

/// Where things in a built program are in the notebook: the cell a line belongs to, the
/// column the author sees for a compiler's byte column, and the author's names for the
/// planner's generated ones.
struct ProgramLocations {
    var program: Program
    var plan: NotebookPlan
    var notebook: Notebook
    /// The folder the program was built in, which no message may show.
    var scratch: String?

    /// The cell whose code holds notebook line `line`, among the program's cells.
    func cell(atNotebookLine line: Int) -> Cell? {
        plan.cells.last { program.cellIndices.contains($0.cell.index) && $0.cell.firstCodeLine <= line }
            .map(\.cell)
            .flatMap { cell in line <= cell.firstCodeLine + cell.source.utf8.newlineCount ? cell : nil }
    }

    /// The cell that a line of the generated file outside any cell's code belongs to.
    func cell(atProgramLine line: Int) -> Cell? {
        program.glueLines[line].flatMap { index in plan[index]?.cell }
    }

    /// The character column in the notebook for a 1-based UTF-8 column of the program's text
    /// of notebook line `line`.
    func column(line: Int, programColumn: Int) -> Int? {
        guard let cell = cell(atNotebookLine: line) else { return nil }
        let byteColumn = program.columnMaps[line]?.original(programColumn) ?? programColumn
        return CellLocation(cell: cell, notebook: notebook).characterColumn(line: line, byteColumn: byteColumn)
    }

    // MARK: - Positions, both ways (for editors)

    /// The program's file that holds the cells' code.
    static let codeFile = "main.swift"

    /// The place in the program's files of a place in the notebook: a 1-based line and a
    /// 1-based UTF-8 column of that line; nil outside the cells' code (prose, fences, the
    /// `>` and list markers in front of a cell's line).
    func programPlace(notebookLine line: Int, utf8Column: Int) -> ProgramPlace? {
        guard let (start, count, cell) = codeSpans.last(where: { $0.cell.firstCodeLine <= line }) else { return nil }
        let index = line - cell.firstCodeLine
        guard index < count else { return nil }
        let prefix = cell.linePrefixes.indices.contains(index) ? cell.linePrefixes[index] : LinePrefix("")
        let cellColumn = utf8Column - prefix.text.utf8.count + prefix.spacesFromTab
        guard cellColumn >= 1 else { return nil }
        let column = program.columnMaps[line]?.generated(cellColumn) ?? cellColumn
        return ProgramPlace(file: Self.codeFile, line: start + index, utf8Column: column)
    }

    /// The notebook line and 1-based UTF-8 column of a place in the program's files; nil in
    /// nbrun's own lines.
    func notebookPlace(of place: ProgramPlace) -> (line: Int, utf8Column: Int)? {
        guard place.file == Self.codeFile,
            let (start, count, cell) = codeSpans.last(where: { $0.programLine <= place.line }),
            place.line < start + count
        else { return nil }
        let line = cell.firstCodeLine + place.line - start
        let cellColumn = program.columnMaps[line]?.original(place.utf8Column) ?? place.utf8Column
        return (line, cell.notebookUTF8Column(line: line, column: cellColumn))
    }

    /// Where each of the program's cells' code starts in its file, and how many lines it has, in order.
    private var codeSpans: [(programLine: Int, lineCount: Int, cell: Cell)] {
        plan.cells.compactMap { planned in
            program.codeLines[planned.cell.index].map { ($0, planned.cell.codeLineCount, planned.cell) }
        }
    }

    /// `text` with every generated name turned back into the author's.
    func userText(_ text: String) -> String {
        var result = text
        if let scratch, result.contains(scratch) {
            result = result.replacingOccurrences(of: scratch + "/", with: "").replacingOccurrences(
                of: scratch, with: "")
        }
        guard result.contains("__nb") else { return result }
        for (generated, name) in plan.userNames.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingIdentifier(generated, with: name)
        }
        return result
    }

    /// A compiler diagnostic as the author should see it: columns in characters, the author's
    /// names, and no place in the generated file (those move to the cell's fence).
    func userDiagnostic(_ diagnostic: Diagnostic) -> Diagnostic {
        var result = diagnostic
        result.message = userText(diagnostic.message)
        if let location = diagnostic.location {
            if location.file == notebook.file {
                result.location?.column =
                    location.column.flatMap { column(line: location.line, programColumn: $0) }
                    ?? location.column
            } else if isProgramFile(location.file), let cell = cell(atProgramLine: location.line) {
                result.location = SourceLocation(file: notebook.file, line: cell.line)
                result.sourceLine = notebook.line(cell.line)
            } else {
                result.location = nil
            }
        }
        result.notes = diagnostic.notes.map(userDiagnostic)
        return result
    }

    /// Whether `file` is the generated program itself (not, say, a runtime source a note points into).
    func isProgramFile(_ file: String) -> Bool {
        file.hasSuffix("main.swift") && (scratch.map { file.hasPrefix($0) } ?? true)
    }
}

/// A place in a program's generated files: a file name, a 1-based line and a 1-based
/// UTF-8 column.
public struct ProgramPlace: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var utf8Column: Int

    public init(file: String, line: Int, utf8Column: Int) {
        self.file = file
        self.line = line
        self.utf8Column = utf8Column
    }
}

extension Cell {
    /// How many lines of the notebook hold the cell's code (the closing fence is not one).
    var codeLineCount: Int {
        source.isEmpty ? 0 : source.utf8.newlineCount + (source.endsWithNewline ? 0 : 1)
    }
}

extension String {
    /// The text with each whole-word occurrence of identifier `name` replaced.
    func replacingIdentifier(_ name: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: name) {
            let before = rest[..<range.lowerBound].last ?? (result.last ?? " ")
            let after = rest[range.upperBound...].first ?? " "
            let isWord = { (character: Character) in character.isLetter || character.isNumber || character == "_" }
            result += rest[..<range.lowerBound]
            result += isWord(before) || isWord(after) ? name : replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
