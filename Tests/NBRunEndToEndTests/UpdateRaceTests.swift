import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun update` never loses an edit saved while it runs, and never replaces a notebook
/// its owner made read-only.
@Suite(.serialized) struct UpdateRaceTests {
    /// A notebook whose one cell sleeps `seconds` and then prints, with a stale output.
    private func slowNotebook(seconds: Int) throws -> (dir: URL, file: URL, text: String) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("slow.md")
        let text = """
            # Slow

            ```swift-cell
            import Foundation
            Thread.sleep(forTimeInterval: \(seconds))
            print("new")
            ```

            ```output
            old
            ```

            """
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (dir, file, text)
    }

    /// Runs `nbrun update` while appending a paragraph to the notebook once its cell runs.
    private func updateWhileEditing(_ file: URL, extra: [String] = []) throws -> CommandResult {
        let edited = Shared(false)
        let editor = Thread {
            // Once the program is running (the cell sleeps 3 s), save an edit as an editor would.
            Thread.sleep(forTimeInterval: 1.5)
            if var text = try? String(contentsOf: file, encoding: .utf8) {
                text += "\nA paragraph written while nbrun ran.\n"
                try? text.write(to: file, atomically: true, encoding: .utf8)
                edited.update { $0 = true }
            }
        }
        editor.start()
        let result = try nbrun(["update", file.path] + extra)
        #expect(edited.value)
        return result
    }

    @Test func anEditSavedWhileUpdateRunsIsKeptAndNothingIsWritten() throws {
        let (dir, file, text) = try slowNotebook(seconds: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try updateWhileEditing(file)
        #expect(result.status == 3)
        #expect(
            result.stderr.contains(
                "nbrun: error: \(file.path): the notebook changed while nbrun ran; nothing written"),
            "\(result.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == text + "\nA paragraph written while nbrun ran.\n")
    }

    @Test func forceWritesTheOutputsAnyway() throws {
        let (dir, file, _) = try slowNotebook(seconds: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try updateWhileEditing(file, extra: ["--force"])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.contains("```output\nnew\n```"))
        #expect(!written.contains("A paragraph written while nbrun ran."))
    }

    @Test func aReadOnlyNotebookIsRefusedAndLeftAlone() throws {
        let (dir, file, text) = try slowNotebook(seconds: 0)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        let inode = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
        let result = try nbrun("update", file.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path): the notebook is read-only, so update won't replace it"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int == inode)
    }

    @Test func anUnchangedNotebookIsStillUpdated() throws {
        let (dir, file, _) = try slowNotebook(seconds: 0)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("update", file.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("```output\nnew\n```"))
    }
}
