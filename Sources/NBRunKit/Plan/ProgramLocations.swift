import Foundation

/// The one map between a built program and the notebook: the cell a place in the program
/// belongs to, the notebook line and character column of a place in a cell's code (as the
/// compiler, a backtrace or the runtime gives it: `nbrun-cell-N`, a line in the cell, a
/// UTF-8 column), the place in the program's files of a place in the notebook and back
/// (``ProgramPlace``, for editors), and the author's names for the planner's generated ones.
///
/// Nothing else computes a notebook line from generated code.
public struct ProgramLocations: Sendable {
    public let program: Program
    public let plan: NotebookPlan
    public let notebook: Notebook
    /// The folder the program was built in, which no message may show.
    public let scratch: String?
    /// The cells the program runs, and per generated file the copies of cells' code in it:
    /// an editor maps each place of an answer back, so a lookup mustn't walk every cell.
    private let programCells: Set<Int>
    private let copiesByFile: [String: [(cell: Cell, copy: CodeCopy)]]

    public init(program: Program, plan: NotebookPlan, notebook: Notebook, scratch: String? = nil) {
        self.program = program
        self.plan = plan
        self.notebook = notebook
        self.scratch = scratch
        programCells = Set(program.cellIndices)
        var copiesByFile: [String: [(cell: Cell, copy: CodeCopy)]] = [:]
        for planned in plan.cells {
            for copy in program.codeCopies[planned.cell.index] ?? [] {
                copiesByFile[copy.file, default: []].append((planned.cell, copy))
            }
        }
        self.copiesByFile = copiesByFile
    }

    /// The cell whose code, or whose glue code in a generated file, `file` and `line` name.
    public func cell(file: String, line: Int) -> Cell? {
        if let index = Program.cell(inCodeFile: file) {
            return programCells.contains(index) ? plan[index]?.cell : nil
        }
        guard isProgramFile(file) else { return nil }
        return program.glueLines[file]?[line].flatMap { plan[$0]?.cell }
    }

    /// The notebook location of a place in a cell's code file: its notebook line, and the
    /// character column for a UTF-8 column of the program's text. Nil for other files.
    public func notebookLocation(file: String, line: Int, column: Int?) -> SourceLocation? {
        guard let index = Program.cell(inCodeFile: file), let cell = plan[index]?.cell, line >= 1 else { return nil }
        let notebookLine = cell.firstCodeLine + line - 1
        let byteColumn = column.map { program.columnMaps[index]?[line - 1]?.original($0) ?? $0 }
        return SourceLocation(
            file: notebook.file, line: notebookLine,
            column: byteColumn.map {
                CellLocation(cell: cell, notebook: notebook).characterColumn(line: notebookLine, byteColumn: $0)
            })
    }

    // MARK: - Places in the program's files (for editors)

    /// The place in the program's files of a place in the notebook, given as a 1-based line
    /// and a 1-based UTF-8 column of that line: in the copy of the cell's code that holds
    /// the statement or declaration there. Nil outside the cells' code (prose, fences, the
    /// `>` and list markers in front of a cell's line).
    public func programPlace(notebookLine line: Int, utf8Column: Int) -> ProgramPlace? {
        // The last cell whose code starts on or before `line` (the cells are in document order).
        var low = 0
        var high = plan.cells.count
        while low < high {
            let middle = (low + high) / 2
            if plan.cells[middle].cell.firstCodeLine <= line { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let planned = plan.cells[low - 1]
        guard programCells.contains(planned.cell.index), let copies = program.codeCopies[planned.cell.index],
            let first = copies.first
        else { return nil }
        let cell = planned.cell
        let index = line - cell.firstCodeLine
        guard index < cell.codeLineCount else { return nil }
        let prefix = cell.linePrefixes.indices.contains(index) ? cell.linePrefixes[index] : LinePrefix("")
        let cellColumn = utf8Column - prefix.text.utf8.count + prefix.spacesFromTab
        guard cellColumn >= 1 else { return nil }
        let lineStart = cell.source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .prefix(index).reduce(0) { $0 + $1.count + 1 }
        let offset = lineStart + cellColumn - 1
        let inStatement = planned.shape.items.contains { item in
            item.kind == .statement && item.range.lowerBound <= offset && offset <= item.range.upperBound
        }
        let copy = copies.first { $0.kind == (inStatement ? .statements : .declarations) } ?? first
        let column = program.columnMaps[cell.index]?[index]?.generated(cellColumn) ?? cellColumn
        return ProgramPlace(file: copy.file, line: copy.line + index, utf8Column: column)
    }

    /// The notebook line and 1-based UTF-8 column of a place in the program's files; nil in
    /// nbrun's own lines.
    public func notebookPlace(of place: ProgramPlace) -> (line: Int, utf8Column: Int)? {
        for (cell, copy) in copiesByFile[place.file] ?? [] {
            guard place.line >= copy.line, place.line < copy.line + cell.codeLineCount else { continue }
            let line = cell.firstCodeLine + place.line - copy.line
            let column =
                program.columnMaps[cell.index]?[place.line - copy.line]?.original(place.utf8Column) ?? place.utf8Column
            return (line, cell.notebookUTF8Column(line: line, column: column))
        }
        return nil
    }

    /// `text` with every generated name turned back into the author's, no scratch folder,
    /// and places in cells' code (`nbrun-cell-3:2`) as notebook lines (`nb.md:14`).
    public func userText(_ text: String) -> String {
        var result = text
        if let scratch, result.contains(scratch) {
            result = result.replacingOccurrences(of: scratch + "/", with: "").replacingOccurrences(
                of: scratch, with: "")
        }
        if result.contains("nbrun-cell-") { result = replacingCodePlaces(in: result) }
        guard result.contains("__nb") else { return result }
        for (generated, name) in plan.userNames.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingIdentifier(generated, with: name)
        }
        return result
    }

    /// A compiler diagnostic as the author should see it: at a notebook line and character
    /// column, with the author's names; one in glue code moves to its cell's fence.
    public func userDiagnostic(_ diagnostic: Diagnostic) -> Diagnostic {
        var result = diagnostic
        result.message = userText(diagnostic.message)
        if let location = diagnostic.location {
            if let mapped = notebookLocation(file: location.file, line: location.line, column: location.column) {
                result.location = mapped
                result.sourceLine = notebook.line(mapped.line)
            } else if let cell = cell(file: location.file, line: location.line) {
                result.location = SourceLocation(file: notebook.file, line: cell.line)
                result.sourceLine = notebook.line(cell.line)
            } else if location.file != notebook.file {
                result.location = nil
            }
        }
        result.notes = diagnostic.notes.map(userDiagnostic)
        return result
    }

    /// Whether `file` is one of the generated program's own files (not, say, a runtime
    /// source a note points into): the compiler is given them by name, in the build folder.
    public func isProgramFile(_ file: String) -> Bool {
        !file.contains("/") && program.glueLines[file] != nil
    }

    /// Each `nbrun-cell-N:LINE` (with any folder before it) as `notebook.md:LINE`.
    private func replacingCodePlaces(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "nbrun-cell-") {
            // Any folder before the name goes with it.
            var start = range.lowerBound
            while start > rest.startIndex, !rest[rest.index(before: start)].isWhitespace,
                rest[rest.index(before: start)] != "\"", rest[rest.index(before: start)] != "("
            {
                start = rest.index(before: start)
            }
            let digits = rest[range.upperBound...].prefix { $0.isNumber }
            var after = digits.endIndex
            var line: Int?
            if rest[after...].hasPrefix(":") {
                let number = rest[rest.index(after: after)...].prefix { $0.isNumber }
                if !number.isEmpty {
                    line = Int(number)
                    after = number.endIndex
                }
            }
            result += rest[..<start]
            if let index = Int(digits), let cell = plan[index]?.cell {
                result += notebook.file + ":" + String(cell.firstCodeLine + (line ?? 1) - 1)
            } else {
                result += rest[start..<after]
            }
            rest = rest[after...]
        }
        return result + rest
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
