import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun import` on the original backprop notebook, rebuilt as Jupyter saves it by
/// bench/make_ipynb.py (nbformat), then ported cell by cell with notebooks/backprop.md's code.
@Suite("nbrun import starts a port that nbrun check follows")
struct ImportCommandTests {
    /// The seed as a Jupyter notebook, in a fresh folder.
    private func seedNotebook() throws -> URL {
        let folder = try temporaryDirectory()
        let made = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "bench/make_ipynb.py", "--out-dir", folder.path],
            environment: nil, directory: Fixture.packageRoot)
        let problem = String(decoding: made.stderr, as: UTF8.self)
        try #require(
            made.status == 0,
            "bench/make_ipynb.py needs python3 with nbformat (scripts/install-deps --test) and the seed in ../shared/seed: \(problem)"
        )
        return folder
    }

    @Test func theSeedImportsWithItsThreeLinesAndChecksOnceTranslated() throws {
        let folder = try seedNotebook()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ipynb = folder.appendingPathComponent("backprop.ipynb")

        let imported = try nbrun("import", ipynb.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let target = folder.appendingPathComponent("backprop.md")
        #expect(imported.stderr.contains("backprop.ipynb → \(target.path): 6 code cells, 1 documented output"))

        // The documented output is the three lines Jupyter saved, as the .ipynb holds them.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: ipynb)) as? [String: Any])
        let saved = try #require(
            ((json["cells"] as? [[String: Any]])?.compactMap { $0["outputs"] as? [[String: Any]] }.flatMap { $0 })?
                .first?["text"].flatMap { ($0 as? [String])?.joined() ?? ($0 as? String) })
        #expect(saved.split(separator: "\n").count == 3)
        #expect(saved.hasPrefix("Loss: 0.13434887664395717\n"))
        let notebook = try Notebook(parsing: String(contentsOf: target, encoding: .utf8), file: target.path)
        #expect(notebook.cells.count == 6)
        #expect(notebook.documentedOutputs.values.map(\.content) == [saved])
        #expect(notebook.cells[5].source.hasPrefix("// print(\"Loss:\", loss.item())\n"))

        // Untranslated, the cell that printed prints nothing: check says which.
        let untranslated = try nbrun("check", target.path)
        #expect(untranslated.status == 1)
        #expect(untranslated.stdout.contains("0 passed, 1 failed"))

        // A second import leaves the notebook alone.
        let again = try nbrun("import", ipynb.path)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists; remove it, choose another with -o, or pass --force"))

        // Translated with the port's code under each commented-out original, it matches.
        let port = try Notebook(
            parsing: String(
                contentsOf: Fixture.packageRoot.appendingPathComponent("notebooks/backprop.md"), encoding: .utf8),
            file: "backprop.md")
        var text = try String(contentsOf: target, encoding: .utf8)
        for (imported, ported) in zip(notebook.cells.dropFirst(), port.cells.prefix(5)) {
            text = text.replacingOccurrences(of: imported.source, with: imported.source + ported.source)
        }
        try text.write(to: target, atomically: true, encoding: .utf8)
        let translated = try nbrun("check", target.path)
        #expect(translated.status == 0, "\(translated.stdout)\(translated.stderr)")
        #expect(translated.stdout.contains("1 passed, 0 failed"))
    }

    @Test func aNotebookJupyterExecutedGoesToStdout() throws {
        let result = try nbrun("import", Fixture.path("import/lesson.ipynb"), "-o", "-")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# A softmax by hand\n"))
        #expect(result.stdout.contains("```output\narray([0.659, 0.242, 0.099])\n```"))
        #expect(result.stderr.contains("→ stdout: 6 code cells, 3 documented outputs, 2 notes"))
    }

    @Test func whatIsNotANotebookExitsTwo() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.ipynb")
        try Data("{\"nbformat\": 4, \"cells\": [".utf8).write(to: file)
        let result = try nbrun("import", file.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("nbrun: error: \(file.path): not a Jupyter notebook ("))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("broken.md").path))
    }
}
