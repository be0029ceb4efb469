// The invariants of nbrun's text pipeline (parse → plan → update) that the fuzzer checks on
// every input. This one file is compiled twice: into NBRunKit's unit tests, which hold
// every notebook in the repository and Fuzz/corpus to them (`FuzzCorpusTests`), and by
// Fuzz/run.sh into the libFuzzer target, with NBRunKit's sources and `-D NBRUN_FUZZ`.
// So the fuzzer can't fall behind NBRunKit's API unnoticed: the tests wouldn't build.
//
//   1. printing a parsed notebook gives back exactly the bytes parsed;
//   2. the program for a parsed notebook can be planned, and runs every cell with eval=true;
//   3. rewriting outputs (with and without --add-missing) leaves the cells' code as it
//      was, still parses, and a second rewrite with the same outputs changes nothing;
//      without --add-missing, every byte outside the output blocks is unchanged;
//   4. the prose's math is found (MathScanner) and its raw HTML made inert
//      (HTMLSanitizer): what that gives back has no tag outside the allow-list.
//
// Known, unfixed bugs are skipped unless `checkKnownBugs`:
//   - swift-syntax's parser (used to plan cells) takes time exponential in the nesting of
//     `[` (about 2^n: 20 levels take 15 s, 24 take minutes), so such cells aren't planned.

import Foundation

#if !NBRUN_FUZZ
    @testable import NBRunKit
#endif

/// An invariant that an input broke: what broke, and the updated notebook when an update did.
struct BrokenInvariant: Error, CustomStringConvertible {
    var message: String
    var updated: String?

    var description: String { message + (updated.map { "\nupdated: \($0.debugDescription)" } ?? "") }
}

/// Checks every invariant on `text`, the bytes of a would-be notebook; throws the first
/// that doesn't hold. Text that isn't a notebook (`Notebook(parsing:)` throws) holds them all.
func checkFuzzInvariants(on text: String, checkKnownBugs: Bool = false) throws(BrokenInvariant) {
    guard let notebook = try? Notebook(parsing: text, file: "fuzz.md") else { return }
    try invariant(Array(notebook.text.utf8) == Array(text.utf8), "printing the parsed notebook changed its bytes")

    if !checkKnownBugs, notebook.cells.contains(where: { $0.source.count { $0 == "[" } > 12 }) { return }
    let program = Program(NotebookPlan(notebook), notebook: notebook)
    try invariant(
        program.cellIndices.count == notebook.cells.filter(\.options.eval).count,
        "the program doesn't run every cell with eval=true")

    let document = ProseRenderer.document(of: notebook)
    _ = MathScanner(document, codeBlocks: CommonMarkConverter.codeBlockLines(of: document)).scan()
    let inert = HTMLSanitizer.sanitize(text)
    for banned in ["<script", "<iframe", "<object", "<embed", "<meta", "<base", "<style", "<form"] {
        try invariant(!inert.lowercased().contains(banned), "the sanitised HTML holds \(banned)", inert)
    }

    // Each cell "prints" text made from the input, so outputs hold fences, blank lines and the like.
    let outputs = notebook.cells.map { cell in String(cell.source.reversed()) + cell.label + "\n" }
    for addMissing in [false, true] {
        let updater = NotebookUpdater(addMissing: addMissing)
        guard let updated = updater.rewrite(checked(notebook, printing: outputs))?.text else { continue }
        guard let reparsed = try? Notebook(parsing: updated, file: "fuzz.md") else {
            throw BrokenInvariant(
                message: "the updated notebook no longer parses (addMissing: \(addMissing))", updated: updated)
        }
        try invariant(
            reparsed.cells.map { $0.source } == notebook.cells.map { $0.source },
            "updating changed a cell's code (addMissing: \(addMissing))", updated)
        if !addMissing {
            try invariant(
                Array(withoutOutputs(reparsed).utf8) == Array(withoutOutputs(notebook).utf8),
                "updating changed bytes outside the output blocks", updated)
        }
        try invariant(
            updater.rewrite(checked(reparsed, printing: outputs)) == nil,
            "a second update changed the notebook again (addMissing: \(addMissing))", updated)
    }
}

private func checked(_ notebook: Notebook, printing outputs: [String]) -> CheckResult {
    let cells = notebook.cells.map { CellResult(cell: $0, status: .ok, stdout: outputs[$0.index - 1]) }
    return CheckResult(run: RunResult(notebook: notebook, cells: cells, diagnostics: []))
}

private func withoutOutputs(_ notebook: Notebook) -> String {
    (notebook.hasByteOrderMark ? "\u{FEFF}" : "")
        + notebook.blocks.map { block in
            if case .output = block { return "" }
            return block.rawText
        }.joined()
}

private func invariant(_ condition: Bool, _ message: String, _ updated: String? = nil) throws(BrokenInvariant) {
    guard condition else { throw BrokenInvariant(message: message, updated: updated) }
}
