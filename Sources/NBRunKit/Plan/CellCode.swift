/// One planned cell's generated code: a file of its own, or top-level code of `main.swift`.
///
/// A cell's file holds its code twice, each time whole and after the same
/// `#sourceLocation`: once at file scope with the statements blanked out (spaces, lines
/// kept), and once in the entry function with the declarations blanked out. Every line
/// and column of the code is then where it is in the cell, in both copies, so one column
/// map per line serves both. Where a stored variable was declared, the entry function's
/// copy has a touch (`_ = x;`) in the blank, which runs the global's initialiser there.
struct CellCode {
    let planned: PlannedCell
    let edited: EditedSource.Edited
    let reporting: Bool

    init(_ planned: PlannedCell, reporting: Bool) {
        self.planned = planned
        self.reporting = reporting
        edited = planned.code.editedText(reporting: reporting)
    }

    /// For each line of the code (0-based) that the planner edited, how its columns map back.
    var columns: [Int: ColumnMap] { edited.columns }

    static func entryName(_ index: Int) -> String { "\(NotebookPlan.session)_cell\(index)" }

    private var index: Int { planned.cell.index }
    private var session: String { NotebookPlan.session }

    /// The text of the cell's own file and its glue lines, or nil when the cell has to stay
    /// top-level code (its shape says so, or a touch finds no room).
    func fileText(header: String) -> (text: String, glueLines: [Int: Int], copies: [CodeCopy])? {
        guard planned.shape.stayReason == nil else { return nil }
        var writer = ProgramWriter(name: "cell-\(index).swift")
        writer.glue(header + "\n", cell: index)
        if planned.cell.options.expectError {
            writer.glue("func \(Self.entryName(index))() {\n", cell: index)
            writeExpectingError(into: &writer)
        } else {
            guard let statements = statementsWithTouches() else { return nil }
            writer.code(blanking(.statement), cell: index, kind: .declarations)
            writer.glue("\nfunc \(Self.entryName(index))() {\n", cell: index)
            if let cache = planned.cache {
                // Restored: touch each variable (its initialiser returns the saved value) and
                // run none of the statements.
                let touches = cache.values.map { "_ = \($0.generated)\n" }.joined()
                writer.glue(
                    "if \(session).cacheLookup(cell: \(index), inputs: \(Self.pairs(cache.inputs))) {\n" + touches
                        + "} else {\n", cell: index)
                writer.code(statements, cell: index, kind: .statements)
                writer.glue(
                    "}\n\(session).cacheFinish(cell: \(index), inputs: \(Self.pairs(cache.inputs)), "
                        + "values: \(Self.pairs(cache.values)))\n", cell: index)
            } else {
                writer.code(statements, cell: index, kind: .statements)
            }
        }
        let bindings = bindingPairs
        writer.glue(
            (bindings.isEmpty ? "" : "\(session).bindings(\(bindings.joined(separator: ", ")))\n") + "}\n", cell: index)
        return (writer.source, writer.glueLines, writer.copies[index] ?? [])
    }

    /// Writes the cell as top-level code, between the calls that begin and end it.
    func writeTopLevel(into writer: inout ProgramWriter) {
        writer.glue(begin, cell: index)
        if planned.cell.options.expectError {
            writeExpectingError(into: &writer)
        } else {
            writer.code(edited.text, cell: index)
        }
        writer.glue(end, cell: index)
    }

    // MARK: - Pieces

    private var begin: String {
        "\(session).begin(cell: \(index)\(timeout))\n"
    }

    private var end: String {
        "\(session).end(\((["cell: \(index)"] + bindingPairs).joined(separator: ", ")))\n"
    }

    /// `("w", w as Any)` for each binding the cell hands over as it ends: those not
    /// reported when bound.
    private var bindingPairs: [String] {
        // `as Any`: an optional binding would otherwise warn that it is coerced to Any.
        planned.captures.filter { !reporting || !planned.reportedWhenBound.contains($0.generated) }
            .map { "(\(Escape.swiftLiteral($0.name)), \($0.generated) as Any)" }
    }

    /// Writes the statements that run cells in files of their own, in order: one
    /// `run` of the list of those without a timeout in a row, and one `run` each for
    /// those with one. A call per cell cost the compiler more (see ``NotebookSession/run(_:)``).
    static func writeRuns(_ cells: [(index: Int, timeout: Double?)], indent: String, into writer: inout ProgramWriter) {
        let session = NotebookPlan.session
        var position = cells.startIndex
        while position < cells.endIndex {
            let cell = cells[position]
            if let timeout = cell.timeout {
                writer.glue(
                    "\(indent)\(session).run(cell: \(cell.index), timeout: \(timeout), \(entryName(cell.index)))\n",
                    cell: cell.index)
                position += 1
                continue
            }
            let run = cells[position...].prefix { $0.timeout == nil }
            writer.glue("\(indent)\(session).run([\n", cell: cell.index)
            for cell in run {
                writer.glue("\(indent)    (\(cell.index), \(entryName(cell.index))),\n", cell: cell.index)
            }
            writer.glue("\(indent)])\n", cell: run.last?.index ?? cell.index)
            position += run.count
        }
    }

    /// `[("w", w as Any), …]`: values under the author's names, for the execution cache.
    private static func pairs(_ captures: [PlannedCell.CacheCode.Capture]) -> String {
        "[" + captures.map { "(\(Escape.swiftLiteral($0.name)), \($0.generated) as Any)" }.joined(separator: ", ") + "]"
    }

    /// `, timeout: 5.0` for a cell with `timeout=5`, else nothing.
    private var timeout: String {
        planned.cell.options.timeout.map { ", timeout: \($0)" } ?? ""
    }

    /// A cell that should fail runs in a closure (in a child process); what it declares stays there.
    private func writeExpectingError(into writer: inout ProgramWriter) {
        writer.glue("\(session).expectError(cell: \(index)\(timeout)) {\n", cell: index)
        writer.code(edited.text, cell: index)
        // What the cell binds is used by nothing after it; say it is, to spare the author warnings.
        let names = planned.declaredValues
        writer.glue((names.isEmpty ? "" : "_ = (\(names.joined(separator: ", ")))\n") + "}\n", cell: index)
    }

    private enum Kind { case declaration, statement }

    /// The code with every item of `kind` replaced by spaces, keeping its line breaks.
    private func blanking(_ kind: Kind) -> String {
        var bytes = Array(edited.text.utf8)
        for item in planned.shape.items where Self.kind(of: item) == kind {
            for offset in edited.range(of: item.range) where bytes[offset] != UInt8(ascii: "\n") {
                bytes[offset] = UInt8(ascii: " ")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func kind(of item: CellShape.Item) -> Kind {
        if case .declaration = item.kind { return .declaration }
        return .statement
    }

    /// The statements, with each stored declaration's touch in the blank it left: at its
    /// first line if the touch fits there, else after its end if nothing else follows on
    /// that line; nil when neither works.
    private func statementsWithTouches() -> String? {
        var bytes = Array(blanking(.declaration).utf8)
        var appended: [(offset: Int, text: [UInt8])] = []
        let items = planned.shape.items
        for (position, item) in items.enumerated() {
            guard case .declaration(let names) = item.kind, !names.isEmpty else { continue }
            let touch = Array(names.map { "_ = \(planned.generatedNames[$0] ?? $0);" }.joined(separator: " ").utf8)
            let range = edited.range(of: item.range)
            let firstLineEnd = bytes[range].firstIndex(of: UInt8(ascii: "\n")) ?? range.upperBound
            if firstLineEnd - range.lowerBound >= touch.count {
                bytes.replaceSubrange(range.lowerBound..<(range.lowerBound + touch.count), with: touch)
                continue
            }
            let next = position + 1 < items.count ? edited.range(of: items[position + 1].range).lowerBound : bytes.count
            guard bytes[range.upperBound..<next].contains(UInt8(ascii: "\n")) || next == bytes.count else {
                return nil
            }
            appended.append((range.upperBound, [UInt8(ascii: " ")] + touch))
        }
        for (offset, text) in appended.reversed() { bytes.insert(contentsOf: text, at: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
