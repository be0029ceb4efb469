// libFuzzer target for nbrun's text pipeline: parse → plan → update.
//
// Built by Fuzz/run.sh together with the sources of NBRunKit (so this file sees its
// internal API, and NBRunKit gets coverage instrumentation); it is not part of the
// package, so `swift build` and `swift test` never compile it.
//
// Besides crashes (traps, sanitizer reports), it stops on a broken invariant:
//   1. printing a parsed notebook gives back exactly the bytes parsed;
//   2. the program for a parsed notebook can be planned;
//   3. rewriting outputs (with and without --add-missing) leaves the cells' code as it
//      was, still parses, and a second rewrite with the same outputs changes nothing;
//      without --add-missing, every byte outside the output blocks is unchanged;
//   4. the prose's math is found (MathScanner) and its raw HTML made inert
//      (HTMLSanitizer): what that gives back has no tag outside the allow-list.
//
// Fuzz/corpus/ holds inputs for the corners that once took quadratic time (a line of
// unclosed `$`, a cell of thousands of statements, thousands of unclosed `<!--`); run.sh
// runs each once first, under the same 10 s limit, before fuzzing.
//
// Known, unfixed bugs are skipped so that the fuzzer looks for new ones; set
// NBRUN_FUZZ_KNOWN_BUGS=1 to check them too:
//   - swift-syntax's parser (used to plan cells) takes time exponential in the nesting of
//     `[` (about 2^n: 20 levels take 15 s, 24 take minutes), so such cells aren't planned.
// (Lone CRs and --add-missing after an unterminated cell were skipped too until fixed.)

import Foundation

private let checkKnownBugs = ProcessInfo.processInfo.environment["NBRUN_FUZZ_KNOWN_BUGS"] == "1"

@_cdecl("LLVMFuzzerTestOneInput")
public func nbrunFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    checkPipeline(on: text)
    return 0
}

private func checkPipeline(on text: String) {
    guard let notebook = try? Notebook(parsing: text, file: "fuzz.md") else { return }
    invariant(Array(notebook.text.utf8) == Array(text.utf8), "printing the parsed notebook changed its bytes", text)

    if !checkKnownBugs, notebook.cells.contains(where: { $0.source.count { $0 == "[" } > 12 }) { return }
    let program = Program(NotebookPlan(notebook), notebook: notebook)
    invariant(
        program.cellIndices.count == notebook.cells.filter(\.options.eval).count,
        "the program doesn't run every cell with eval=true", text)

    let document = ProseRenderer.document(of: notebook)
    _ = MathScanner(document, codeBlocks: CommonMarkConverter.codeBlockLines(of: document)).scan()
    let inert = HTMLSanitizer.sanitize(text)
    for banned in ["<script", "<iframe", "<object", "<embed", "<meta", "<base", "<style", "<form"] {
        invariant(!inert.lowercased().contains(banned), "the sanitised HTML holds \(banned)", text, inert)
    }

    // Each cell "prints" text made from the input, so outputs hold fences, blank lines and the like.
    let outputs = notebook.cells.map { cell in String(cell.source.reversed()) + cell.label + "\n" }
    for addMissing in [false, true] {
        let updater = NotebookUpdater(addMissing: addMissing)
        guard let updated = updater.rewrite(check(notebook, printing: outputs))?.text else { continue }
        guard let reparsed = try? Notebook(parsing: updated, file: "fuzz.md") else {
            invariant(false, "the updated notebook no longer parses (addMissing: \(addMissing))", text, updated)
            return
        }
        invariant(
            reparsed.cells.map { $0.source } == notebook.cells.map { $0.source },
            "updating changed a cell's code (addMissing: \(addMissing))", text, updated)
        if !addMissing {
            invariant(
                Array(withoutOutputs(reparsed).utf8) == Array(withoutOutputs(notebook).utf8),
                "updating changed bytes outside the output blocks", text, updated)
        }
        invariant(
            updater.rewrite(check(reparsed, printing: outputs)) == nil,
            "a second update changed the notebook again (addMissing: \(addMissing))", text, updated)
    }
}

private func check(_ notebook: Notebook, printing outputs: [String]) -> CheckResult {
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

private func invariant(_ condition: Bool, _ message: String, _ input: String, _ output: String? = nil) {
    guard !condition else { return }
    var report = "nbrun fuzz: \(message)\ninput: \(input.debugDescription)\n"
    if let output { report += "updated: \(output.debugDescription)\n" }
    FileHandle.standardError.write(Data(report.utf8))
    abort()
}
