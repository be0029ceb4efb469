import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Timeouts, output caps, warnings as errors and colour, through the built binary.
@Suite(.serialized) struct LimitsTests {
    private func notebook(_ text: String) throws -> (dir: URL, file: URL) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("n.md")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (dir, file)
    }

    private func json(_ result: CommandResult) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object?["cells"] as? [[String: Any]])
    }

    @Test func theNotebookTimeoutKillsTheProgramAndItsChildren() throws {
        let (dir, file) = try notebook(
            """
            ```swift-cell
            print("before")
            ```

            ```swift-cell id=slow
            // A child in the program's process group, as most programs start them.
            var child: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("1234"), nil]
            posix_spawn(&child, "/bin/sleep", nil, nil, argv, environ)
            print("started \\(child).")
            sleep(60)
            ```

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let started = Date()
        let result = try nbrun("render", file.path, "--to", "json", "-o", "-", "--timeout", "3")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status == 1)
        let cells = try json(result)
        #expect(cells.map { $0["status"] as? String } == ["ok", "error"])
        #expect(
            (cells[1]["error"] as? [String: Any])?["message"] as? String
                == "timed out: the notebook ran longer than its 3 s limit (--timeout)")
        let stdout = try #require(cells[1]["stdout"] as? String)
        let pid = try #require(Int32(stdout.trimmingCharacters(in: CharacterSet(charactersIn: "started .\n"))))
        // Gone, or a zombie waiting for init to reap it: either way, no longer running.
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        #expect(state == nil || state == "Z", "the cell's child process \(pid) outlived the timeout")
    }

    @Test func aGrandchildThatLeavesTheProcessGroupDoesNotHangNBRun() throws {
        // Foundation's Process puts its child in a new process group, out of nbrun's reach;
        // the child still holds the program's stdout open after the program has exited.
        let (dir, file) = try notebook(
            """
            ```swift-cell
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/sleep")
            child.arguments = ["30"]
            try! child.run()
            print(child.processIdentifier)
            ```

            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let started = Date()
        let result = try nbrun("render", file.path, "--to", "json", "-o", "-")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 0)
        if let pid = (try json(result).first?["stdout"] as? String).flatMap({
            Int32($0.trimmingCharacters(in: .newlines))
        }) {
            kill(pid, SIGKILL)
        }
    }

    @Test func aCellTimeout() throws {
        let (dir, file) = try notebook(
            "```swift-cell\nprint(1)\n```\n\n```swift-cell timeout=1\nwhile true {}\n```\n\n```swift-cell\nprint(3)\n```\n"
        )
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("render", file.path, "--to", "json", "-o", "-")
        #expect(result.status == 1)
        let cells = try json(result)
        #expect(cells.map { $0["status"] as? String } == ["ok", "error", "not-run"])
        #expect(
            (cells[1]["error"] as? [String: Any])?["message"] as? String
                == "timed out: the cell ran longer than its 1 s limit (timeout=1)")
        #expect((cells[1]["error"] as? [String: Any])?["line"] as? Int == 5)
    }

    @Test func outputIsCutAndTheCutIsMarked() throws {
        let (dir, file) = try notebook(
            "```swift-cell\nfor _ in 0..<1000 { print(String(repeating: \"x\", count: 99)) }\n```\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("render", file.path, "--to", "json", "-o", "-", "--max-output", "1000")
        #expect(result.status == 0)
        let stdout = try #require(try json(result).first?["stdout"] as? String)
        #expect(stdout.hasPrefix(String(repeating: String(repeating: "x", count: 99) + "\n", count: 10)))
        #expect(stdout.hasSuffix("\n[nbrun: output cut at 1000 bytes; 99000 more bytes not shown]\n"))
    }

    @Test func warningsFailOnlyWhenAskedTo() throws {
        let (dir, file) = try notebook("```swift-cell\nfunc f() {\n    var y = 1\n    print(y)\n}\nf()\n```\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try nbrun("render", file.path, "--to", "json", "-o", "-")
        #expect(plain.status == 0)
        #expect(
            plain.stderr.contains(
                "\(file.path):3:9: warning: variable 'y' was never mutated; consider changing to 'let' constant\n    var y = 1\n        ^"
            ))
        // The fix-it comes from swiftc's serialized diagnostics, as a note.
        #expect(plain.stderr.contains("\(file.path):3:5: note: fix-it: replace with 'let'\n    var y = 1\n    ^"))
        let strict = try nbrun("render", file.path, "--to", "json", "-o", "-", "--warnings-as-errors")
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(file.path): 1 warning, and --warnings-as-errors makes that a failure\n"))
    }

    /// nbrun's own warning about the notebook fails too, and the message doesn't blame the compiler.
    @Test func aNotebooksOwnWarningFailsWhenAskedToAndIsCounted() throws {
        let (dir, file) = try notebook(
            "```output\norphan\n```\n\n```swift-cell\nfunc f() {\n    var y = 1\n    print(y)\n}\nf()\n```\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let strict = try nbrun("render", file.path, "--to", "json", "-o", "-", "--warnings-as-errors")
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(file.path):1: warning: this output block follows no cell"))
        #expect(
            strict.stderr.contains("\(file.path): 2 warnings, and --warnings-as-errors makes them a failure\n"),
            "\(strict.stderr)")
        #expect(!strict.stderr.contains("compiler warned"))
    }

    @Test func diagnosticsAreColouredOnATerminalUnlessNoColor() throws {
        let (dir, file) = try notebook("```swift-cell\nprint(nope)\n```\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        // `script` gives nbrun a pseudo-terminal, as a user's shell would.
        let command =
            "'\(nbrunExecutable.path)' render '\(file.path)' -o /dev/null"
        func run(_ environment: [String: String]) throws -> String {
            var env = nbrunEnvironment(environment)
            env.removeValue(forKey: "NO_COLOR")
            env.merge(environment) { $1 }
            let output = try SystemProcessRunner().run(
                URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], environment: env,
                directory: nil)
            return String(decoding: output.stdout, as: UTF8.self)
        }
        let colored = try run(["TERM": "xterm"])
        #expect(colored.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        let plain = try run(["TERM": "xterm", "NO_COLOR": "1"])
        #expect(plain.contains("error: cannot find 'nope' in scope"))
        #expect(!plain.contains("\u{1B}[1;31m"))
    }
}
