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
