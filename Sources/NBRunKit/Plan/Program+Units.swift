/// The files a whole-program compile gets: the cells' files joined into a few larger ones,
/// so that swiftc's code generation, which runs a thread per file (`-num-threads`), can use
/// every core.
///
/// A cell still reads as if it were alone in its file. Each cell's file goes into its unit
/// after `#sourceLocation(file: "cell-N.swift", line: 1)`, and each `#sourceLocation()` in it
/// (the end of a copy of the cell's code) returns to the cell's file at the next line rather
/// than to the unit's. So every diagnostic and every line-table entry names what the
/// program's own files (``Program/files``) would: `nbrun-cell-N` in the cell's code, and
/// `cell-N.swift` and its line in the generated code around it.
///
/// What could tell two cells in one file apart from two files is kept out of the units:
/// - a `private` or `fileprivate` declaration is visible to the whole file it is in. A cell
///   that has one stays top-level code of `main.swift` (``CellShape``), and any other cell
///   whose text so much as says `private` keeps a file of its own;
/// - a unit's cells share one set of imports (every cell's header lists the imports of
///   the cells before it, and a cell that adds one starts a new unit), and the copies of
///   that header after a unit's first cell are blanked, line for line: 500 copies of the
///   imports cost the frontend 16% more (callgrind, 13.1 G instructions against 11.3 G).
extension Program {
    /// From how many cells in files of their own on a compile joins them into units.
    /// Below it, code generation is a small part of the compile (a 25-cell program
    /// compiles in 0.22 s with two threads or one).
    public static let fewestCellsForUnits = 16

    /// The files to compile for `threads` code-generation threads: the program's own files
    /// when there is one thread or few cells, else `session.swift`, `threads` units of
    /// about equal size (one more wherever a cell adds an import), any cells kept alone,
    /// and `main.swift`.
    public func compileUnits(threads: Int, fewestCells: Int = fewestCellsForUnits) -> [ProgramFile] {
        let cellFiles = files.filter { file in Program.cell(inFileNamed: file.name) != nil }
        guard threads > 1, cellFiles.count >= max(fewestCells, 2) else { return files }
        let target = cellFiles.reduce(0) { $0 + $1.text.utf8.count } / threads + 1
        var units: [ProgramFile] = []
        var unit: [ProgramFile] = []
        var unitHeader: [String] = []
        var unitSize = 0
        var joinedCount = 0
        func close() {
            guard !unit.isEmpty else { return }
            if unit.count == 1 {
                units.append(unit[0])
            } else {
                joinedCount += 1
                units.append(Self.joined(unit, named: "cells-\(joinedCount).swift"))
            }
            unit = []
            unitSize = 0
        }
        for file in files {
            guard Program.cell(inFileNamed: file.name) != nil else {
                close()
                units.append(file)
                continue
            }
            if file.text.containsBytes(of: "private") {
                close()
                units.append(file)
                continue
            }
            let header = Self.headerImports(of: file.text)
            if header != unitHeader || unitSize >= target { close() }
            unitHeader = header
            unit.append(file)
            unitSize += file.text.utf8.count
        }
        close()
        return units
    }

    /// The cell a file of the program holds: `cell-N.swift`.
    static func cell(inFileNamed name: String) -> Int? {
        guard name.hasPrefix("cell-"), name.hasSuffix(".swift") else { return nil }
        return Int(name.dropFirst("cell-".count).dropLast(".swift".count))
    }

    /// The import lines of a cell's file before its code.
    private static func headerImports(of text: String) -> [String] {
        var imports: [String] = []
        for line in text.pieces(separatedBy: "\n") {
            if line.hasPrefix("#sourceLocation(") { break }
            if line.hasPrefix("import ") { imports.append(line) }
        }
        return imports
    }

    /// One file holding `cells`' files, each at its own lines of its own name.
    private static func joined(_ cells: [ProgramFile], named name: String) -> ProgramFile {
        var text = ""
        for (position, cell) in cells.enumerated() {
            let quoted = Escape.swiftLiteral(cell.name)
            text += "#sourceLocation(file: \(quoted), line: 1)\n"
            var inHeader = true
            for (offset, line) in cell.text.pieces(separatedBy: "\n").enumerated() {
                if line.hasPrefix("#sourceLocation(") { inHeader = false }
                if line == "#sourceLocation()" {
                    text += "#sourceLocation(file: \(quoted), line: \(offset + 2))\n"
                } else if inHeader, position > 0, line.hasPrefix("import ") {
                    text += "\n"
                } else {
                    text += line + "\n"
                }
            }
            // The split gave an empty last piece for the text's final newline.
            if cell.text.hasSuffix("\n") { text.removeLast() }
            text += "#sourceLocation()\n"
        }
        return ProgramFile(name: name, text: text)
    }
}
