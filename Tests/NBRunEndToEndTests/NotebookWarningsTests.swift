import Foundation
import NBRunKit
import TestSupport
import Testing

/// A notebook's own warnings (from parsing it) and its run's (the compiler's) travel as
/// separate values: the run carries only what running found, and the terminal tells each once.
@Suite struct NotebookWarningsTests {
    @Test func theRunCarriesTheCompilersWarningAndTheNotebookItsOwn() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("w.md").path
        try "```output\norphan\n```\n\n```swift-cell\nfunc f() {\n    var y = 1\n    print(y)\n}\nf()\n```\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let workbench = try Workbench(settings: testRunSettings())
        var transcript = Transcript()
        let checked = try workbench.execute(file, transcript: &transcript).get()
        let mutated = "variable 'y' was never mutated; consider changing to 'let' constant"
        let orphan = "this output block follows no cell, so nothing is compared with it"
        #expect(checked.run.diagnostics.map(\.headline) == ["\(file):7:9: warning: \(mutated)"])
        #expect(checked.run.notebook.diagnostics.map(\.headline) == ["\(file):1: warning: \(orphan)"])
        let told = transcript.entries.compactMap { entry -> String? in
            guard case .diagnostic(let diagnostic, _) = entry else { return nil }
            return diagnostic.headline
        }
        #expect(told == ["\(file):1: warning: \(orphan)", "\(file):7:9: warning: \(mutated)"])
    }
}
