import Foundation
import TestSupport
import Testing

@testable import NBRunKit

#if canImport(Glibc)
    import Glibc
#endif

/// The smaller faults the reliability battery found, each as a user meets it.
@Suite(.serialized) struct SmallFaultTests {
    private func notebook(_ text: String, name: String = "n.md") throws -> (dir: URL, file: URL) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (dir, file)
    }

    /// Runs nbrun through the shell, for redirections the test runner can't make.
    private func shell(_ script: String) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = testCache
        environment["NBRUN"] = Fixture.productsDirectory.appendingPathComponent("nbrun").path
        let output = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: environment, directory: nil)
        return CommandResult(
            stdout: String(decoding: output.stdout, as: UTF8.self),
            stderr: String(decoding: output.stderr, as: UTF8.self), status: output.status)
    }

    @Test(arguments: [">/dev/full", ">&-"])
    func aFullOrClosedStdoutIsAnErrorNotACrash(redirection: String) throws {
        let (dir, file) = try notebook("```swift-cell\nprint(42)\n```\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try shell("exec \"$NBRUN\" render '\(file.path)' --to md -o - \(redirection)")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("nbrun: error: can't write to stdout"))
    }

    @Test func rawIdentifiersWork() throws {
        let (dir, file) = try notebook(
            """
            ```swift-cell
            let `my value` = 6 * 7
            print(`my value`)
            ```

            ```swift-cell
            let `my value` = 1
            let `class` = `my value` + 1
            print(`my value`, `class`)
            ```

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try nbrun("render", file.path, "--to", "md", "-o", "-")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("```text\n42\n```"))
        #expect(run.stdout.contains("```text\n1 2\n```"))
    }

    @Test func abortIsReportedAtItsLine() throws {
        let (dir, file) = try notebook(
            """
            ```swift-cell
            import Foundation
            print("before")
            abort()
            ```

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try nbrun("render", file.path, "--to", "md", "-o", "/dev/null")
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(file.path):4:1: error: "), "\(run.stderr)")
    }

    @Test func aMarkdownReportIsNotWrittenWhenItsFiguresCantBe() throws {
        let (dir, file) = try notebook(
            """
            ```swift-cell
            plt.plot([1.0, 2.0, 3.0])
            plt.show()
            ```

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Where the figures go is taken by a file, as a full disk would refuse them.
        try Data().write(to: dir.appendingPathComponent("n.out.files"))
        let report = dir.appendingPathComponent("n.out.md")
        let run = try nbrun("render", file.path, "--to", "md", "-o", report.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("can't write the report"))
        #expect(!FileManager.default.fileExists(atPath: report.path), "the report points at figures that aren't there")
    }

    @Test func aLineOfUnclosedDollarsIsOneWarning() throws {
        let line = String(repeating: "$x ", count: 16_000)
        let (dir, file) = try notebook("# Money\n\n" + line + "\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try nbrun("render", file.path, "-o", "/dev/null")
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        #expect(
            run.stderr.hasPrefix(
                "\(file.path):3:1: warning: 16000 unclosed $ on this line, from this one on: each opens a formula "
                    + "that nothing closes (a dollar sign is written \\$)"))
        #expect(run.stderr.utf8.count < 200_000, "\(run.stderr.utf8.count) bytes of warnings")
    }
}
