import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// What a user sees when a notebook is broken or odd: `nbrun` run as a user runs it, on
/// the notebooks in `Fixtures/broken/` (see its README.md for each file's purpose).
///
/// Every case checks the exit code, that the message names `file:line` when there is a
/// line, that nbrun itself did not crash, and that render, check and update leave the
/// notebook's bytes as they were.
@Suite struct BadInputTests {
    // MARK: - Files that can't be read as notebooks

    @Test func aMissingFileIsBadInputForEveryCommand() throws {
        try inTemporaryDirectory { dir in
            for command in ["render", "check", "update"] {
                let result = try nbrun(command, "missing.md", in: dir)
                #expect(result.status == 2, "\(command)")
                #expect(result.messages == "nbrun: error: missing.md: no such file\n", "\(command)")
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing.md").path))
            }
        }
    }

    @Test func aDirectoryIsBadInput() throws {
        try inTemporaryDirectory { dir in
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("folder.md"), withIntermediateDirectories: false)
            for command in ["render", "check", "update"] {
                let result = try nbrun(command, "folder.md", in: dir)
                #expect(result.status == 2, "\(command)")
                #expect(result.messages == "nbrun: error: folder.md: is a directory, not a notebook\n", "\(command)")
            }
        }
    }

    /// chmod 000 stops everyone but root; as root (as in CI containers) the file is read as usual.
    @Test func anUnreadableFileIsBadInputUnlessWeAreRoot() throws {
        try inTemporaryDirectory { dir in
            let file = try copy("reads-stdin.md", to: dir, as: "locked.md")
            let before = try Data(contentsOf: file)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
            let result = try nbrun("render", "--to", "json", "-o", "-", "locked.md", in: dir)
            if geteuid() == 0 {
                #expect(result.status == 0, "\(result.stderr)")
            } else {
                #expect(result.status == 2)
                #expect(result.stderr == "nbrun: error: locked.md: can't be read (check its permissions)\n")
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            #expect(try Data(contentsOf: file) == before)
        }
    }

    /// A path through a regular file can't be opened by anyone, root included.
    @Test func aPathWhoseParentIsAFileIsBadInput() throws {
        try inTemporaryDirectory { dir in
            try Data("not a folder\n".utf8).write(to: dir.appendingPathComponent("file"))
            let result = try nbrun("render", "file/notebook.md", in: dir)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("nbrun: error: file/notebook.md: "))
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    /// Errors go to stderr, as `render` does, so that `check > log` still shows them.
    @Test func checkAndUpdateWriteBadInputErrorsToStderr() throws {
        try inTemporaryDirectory { dir in
            try copy("unknown-option.md", to: dir)
            for command in ["check", "update"] {
                for file in ["missing.md", "unknown-option.md"] {
                    let result = try nbrun(command, file, in: dir)
                    #expect(result.status == 2)
                    // `nbrun: error: missing.md: …`, or a located `unknown-option.md:3: error: …`.
                    #expect(
                        result.stderr.hasPrefix("nbrun: error: \(file)")
                            || result.stderr.hasPrefix("\(file):3: error: "),
                        "\(command) \(file): stderr \(result.stderr.debugDescription)")
                    #expect(
                        !result.stdout.contains("error"), "\(command) \(file): stdout \(result.stdout.debugDescription)"
                    )
                }
            }
        }
    }

    @Test func anEmptyFileRendersWithNoCells() throws {
        let run = try runAllCommands("empty.md")
        #expect(run.render.status == 0, "\(run.render.stderr)")
        let json = try report(run.render)
        #expect(json["ok"] as? Bool == true)
        #expect((json["cells"] as? [Any])?.isEmpty == true)
        #expect(run.check.status == 0)
        #expect(run.update.status == 0)
    }

    @Test func aBinaryFileIsBadInput() throws {
        let run = try runAllCommands("binary.md")
        for result in run.all {
            #expect(result.status == 2)
            // Either wording tells the user what is wrong; it must name the file, on one line.
            #expect(
                result.messages == "nbrun: error: binary.md: looks like a binary file, not a Markdown notebook\n"
                    || result.messages == "nbrun: error: binary.md: not valid UTF-8 (first bad byte at offset 32)\n",
                "\(result.messages)")
        }
    }

    /// UTF-16 text is ASCII with a NUL after every letter: valid UTF-8, but not a notebook.
    @Test func aUTF16FileIsBadInput() throws {
        let run = try runAllCommands("utf16.md")
        for result in run.all {
            #expect(result.status == 2)
            #expect(result.messages == "nbrun: error: utf16.md: looks like a binary file, not a Markdown notebook\n")
        }
    }

    /// `# Invalid UTF-8\n` is 16 bytes and `\nCaf` 4 more, so the stray 0xE9 is byte 20.
    @Test func invalidUTF8GivesTheOffsetOfTheFirstBadByte() throws {
        let run = try runAllCommands("invalid-utf8.md")
        for result in run.all {
            #expect(result.status == 2)
            #expect(result.messages == "nbrun: error: invalid-utf8.md: not valid UTF-8 (first bad byte at offset 20)\n")
        }
    }

    // MARK: - Notebooks that parse with a warning, or not at all

    @Test func aByteOrderMarkAndCRLFAreAcceptedWithRightLineNumbers() throws {
        let run = try runAllCommands("bom-crlf.md")
        #expect(run.render.status == 1)
        // Line 8 is `let n: Int = "two"`, and the string starts in column 14; no CR is quoted.
        #expect(
            run.render.stderr.contains(
                "bom-crlf.md:8:14: error: cannot convert value of type 'String' to specified type 'Int'\nlet n: Int = \"two\"\n             ^\n"
            ),
            "\(run.render.stderr)")
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]])
        #expect(cells.map { $0["line"] as? Int } == [3, 7])
        #expect(cells.map { $0["status"] as? String } == ["ok", "error"])
        #expect(cells.first?["stdout"] as? String == "ok\n")
        #expect((cells.last?["error"] as? [String: Any])?["line"] as? Int == 8)
        #expect(run.check.status == 1)
        #expect(run.update.status == 1)
        #expect(run.update.messages.contains("bom-crlf.md: not updated"), "\(run.update.messages)")
    }

    @Test func aNotebookWithNoCellsReportsItsProse() throws {
        try inTemporaryDirectory { dir in
            _ = try copy("no-cells.md", to: dir)
            let result = try nbrun("render", "--to", "md", "-o", "-", "no-cells.md", in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("This notebook has no cells, just a paragraph."))
            #expect(result.stdout.contains("// shown, never run"))
        }
        let run = try runAllCommands("no-cells.md")
        #expect(run.all.map(\.status) == [0, 0, 0])
    }

    @Test func anUnterminatedFenceIsAWarningAtItsLine() throws {
        let run = try runAllCommands("unterminated-fence.md")
        for result in run.all {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                result.messages.contains(
                    "unterminated-fence.md:7: warning: unterminated code fence: it runs to the end of the file\n```swift-cell\n"
                ),
                "\(result.messages)")
        }
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]])
        #expect(cells.map { $0["stdout"] as? String } == ["first\n", "second\n"])
    }

    @Test func anUnknownCellOptionIsBadInputAtTheFence() throws {
        // The list of known options grows; the start of the message is what matters here.
        try expectBadInput(
            "unknown-option.md", line: 3, "unknown cell option 'colour'; known options: id, echo, ",
            quoting: "```swift-cell colour=blue")
    }

    @Test func aMalformedFlagIsBadInputAtTheFence() throws {
        try expectBadInput(
            "malformed-flag.md", line: 3, "option 'echo' takes true or false, not 'maybe'",
            quoting: "```swift-cell echo=maybe")
    }

    @Test func aDuplicateIDIsBadInputAtTheSecondUse() throws {
        try expectBadInput(
            "duplicate-id.md", line: 7, "duplicate cell id 'setup'; it was first used at line 3",
            quoting: "```swift-cell id=setup")
    }

    @Test func aBadFrontMatterValueIsBadInputAtItsLine() throws {
        try expectBadInput(
            "bad-front-matter.md", line: 4, "match takes exact, numbers or ignore, not 'fuzzy'",
            quoting: "  match: fuzzy")
    }

    /// The YAML on line 2 opens a list it never closes. The message should say so at line 2,
    /// in one message line (plus the quoted line), without YAML-relative line numbers.
    @Test func invalidYAMLFrontMatterIsOneMessageAtTheFaultyLine() throws {
        let run = try runAllCommands("invalid-yaml.md")
        for result in run.all {
            #expect(result.status == 2)
            let lines = result.messages.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(
                lines.first?.hasPrefix("invalid-yaml.md:2: error: the front matter is not valid YAML") == true,
                "\(result.messages)")
            #expect(lines.count <= 2, "\(result.messages)")
        }
    }

    @Test func anOutputBlockWithNoCellIsAWarningAtItsLine() throws {
        let run = try runAllCommands("orphan-output.md")
        for result in run.all {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                result.messages.contains(
                    "orphan-output.md:9: warning: this output block follows no cell, so nothing is compared with it\n```output\n"
                ),
                "\(result.messages)")
        }
    }

    // MARK: - Cells that fail to compile, warn, or trap

    @Test func aCompileErrorNamesItsLineAndColumn() throws {
        let run = try runAllCommands("compile-error.md")
        #expect(run.render.status == 1)
        #expect(
            run.render.stderr.contains(
                "compile-error.md:4:14: error: cannot convert value of type 'String' to specified type 'Int'\nlet x: Int = \"one\"\n             ^\n"
            ),
            "\(run.render.stderr)")
        #expect(run.check.status == 1)
        #expect(run.update.status == 1)
    }

    @Test func aCompilerWarningIsShownAndTheCellStillRuns() throws {
        let run = try runAllCommands("warning.md")
        #expect(run.all.map(\.status) == [0, 0, 0])
        #expect(
            run.render.stderr.contains(
                "warning.md:5:9: warning: initialization of immutable value 'unused' was never used"),
            "\(run.render.stderr)")
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]])
        #expect(cells.first?["stdout"] as? String == "1\n")
    }

    @Test func aCellThatWritesToStderrKeepsItApartFromStdout() throws {
        let run = try runAllCommands("stderr.md")
        #expect(run.all.map(\.status) == [0, 0, 0])
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]])
        #expect(cells.first?["stdout"] as? String == "a line on stdout\n")
        #expect(cells.first?["stderr"] as? String == "a note on stderr\n")
    }

    @Test func anIndexOutOfRangeNamesItsLineKeepsEarlierOutputAndSkipsLaterCells() throws {
        let run = try runAllCommands("index-out-of-range.md")
        try expectTrap(
            run, "index-out-of-range.md", line: 10, message: "Fatal error: Index out of range",
            quoting: "print(numbers[5])", cellCount: 3, trapping: 2)
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]])
        #expect(cells.map { $0["stdout"] as? String } == ["first cell\n", "before the trap\n", ""])
    }

    @Test func forceUnwrappingNilNamesItsLine() throws {
        try expectTrap(
            try runAllCommands("force-unwrap.md"), "force-unwrap.md", line: 5,
            message: "Unexpectedly found nil while unwrapping an Optional value",
            quoting: "print(missing! + 1)", cellCount: 1, trapping: 1)
    }

    @Test func fatalErrorNamesTheLineThatCalledItWithItsMessage() throws {
        try expectTrap(
            try runAllCommands("fatal-error.md"), "fatal-error.md", line: 5,
            message: "Fatal error: the data set is missing",
            quoting: "    fatalError(\"the data set is missing\")", cellCount: 1, trapping: 1)
    }

    @Test func aFailedPreconditionNamesItsLineWithItsMessage() throws {
        try expectTrap(
            try runAllCommands("precondition.md"), "precondition.md", line: 5,
            message: "Precondition failed: the learning rate must be positive",
            quoting: "precondition(rate > 0, \"the learning rate must be positive\")", cellCount: 1, trapping: 1)
    }

    /// The runtime's shape errors are documented to stop the program with numpy's message.
    @Test func aShapeErrorFromTheRuntimeGivesNumpysMessageAtTheLine() throws {
        try expectTrap(
            try runAllCommands("shape-error.md"), "shape-error.md", line: 6,
            message: "matmul: shapes (1, 2) and (1, 2) not aligned: 2 (dim 1) != 1 (dim 0)",
            quoting: "let c = a ⋅ b", cellCount: 1, trapping: 1)
    }

    /// Deep recursion overflows the stack; the cell fails (it doesn't hang or vanish) and the
    /// error points into the recursive function (lines 4 and 5).
    @Test func aStackOverflowFailsTheCellAtTheRecursion() throws {
        let run = try runAllCommands("stack-overflow.md")
        for result in run.all { #expect(result.status == 1, "\(result.stderr)") }
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]])
        #expect(cells.first?["status"] as? String == "error")
        let error = try #require(cells.first?["error"] as? [String: Any])
        let line = try #require(error["line"] as? Int, "the error has no line: \(error)")
        #expect((4...5).contains(line))
        #expect(
            error["message"] as? String == "crashed: stack overflow (the recursion here never ends, or goes too deep)")
        #expect(run.render.stderr.contains("stack-overflow.md:\(line):"))
    }

    /// The cell reads an empty stdin even when nbrun's own stdin is a pipe that never closes.
    @Test func aCellThatReadsStdinSeesItEmptyAndDoesNotHang() throws {
        try inTemporaryDirectory { dir in
            let file = try copy("reads-stdin.md", to: dir)
            let before = try Data(contentsOf: file)
            let result = try runWithOpenStdin(
                ["render", "--to", "json", "-o", "-", "reads-stdin.md"], in: dir, seconds: 60)
            #expect(result.status == 0, "timed out or failed (124 is a timeout): \(result.stderr)")
            let cells = try #require(try report(result)["cells"] as? [[String: Any]])
            #expect(cells.first?["stdout"] as? String == "read: nothing\n")
            #expect(try Data(contentsOf: file) == before)
        }
    }

    // MARK: - Size and names

    /// 2,000 cells and 10 MB of prose: the run must finish, with every cell in the report,
    /// in under 600 MB.
    ///
    /// Every hundredth cell runs; the others are `eval=false`, so nbrun still parses, plans,
    /// highlights and reports all 2,000 while swiftc compiles 20. Compiling 2,000 cells'
    /// code is swiftc's time, not nbrun's: `SCALE=10,2000 ONLY=scale bench/run.sh`
    /// measures it (204 s and 373 MB here when this test ran all of them).
    @Test func aTenMegabyteNotebookWithTwoThousandCellsWorks() throws {
        try inTemporaryDirectory { dir in
            let prose = String(
                repeating: "Lorem ipsum dolor sit amet, with $x_i$ math and `code` and *emphasis*. ", count: 66)
            var text = "# A big notebook\n\n"
            for index in 1...2000 {
                let eval = index % 100 == 0 ? "" : " eval=false"
                text +=
                    "## Cell \(index)\n\n\(prose)\n\n```swift-cell id=c\(index)\(eval)\nlet v\(index) = \(index)\n"
                    + "print(\"cell\", v\(index))\n```\n\n"
            }
            #expect(text.utf8.count > 9_500_000)
            let file = dir.appendingPathComponent("big.md")
            try Data(text.utf8).write(to: file)
            let measured = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
            let timeFile = dir.appendingPathComponent("time.txt").path
            let command =
                (measured ? ["/usr/bin/time", "-f", "%e %M", "-o", timeFile] : [])
                + [
                    "/usr/bin/timeout", "-k", "5", "900",
                    nbrunExecutable.path,
                    "render", "--to", "json", "-o", "big.json", "big.md"
                ]
            let started = Date()
            let output = try SystemProcessRunner().run(
                URL(fileURLWithPath: command[0]), Array(command.dropFirst()),
                environment: nbrunEnvironment(), directory: dir)
            let seconds = Date().timeIntervalSince(started)
            let measurement =
                (try? String(contentsOfFile: timeFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? "?"
            print(
                "2,000-cell, \(text.utf8.count)-byte notebook: \(String(format: "%.1f", seconds)) s wall; "
                    + "/usr/bin/time (seconds, peak KB incl. swiftc): \(measurement)")
            #expect(output.status == 0, "exit \(output.status) after \(Int(seconds)) s (124: killed at 900 s)")
            if measured, let peak = measurement.split(separator: " ").last.flatMap({ Int($0) }) {
                #expect(peak < 600_000, "peak memory \(peak) KB")
            }
            guard output.status == 0 else { return }
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("big.json")))
                    as? [String: Any])
            let cells = try #require(json["cells"] as? [[String: Any]])
            #expect(cells.count == 2000)
            let statuses = cells.map { $0["status"] as? String ?? "?" }
            #expect(statuses.enumerated().allSatisfy { $1 == (($0 + 1) % 100 == 0 ? "ok" : "skipped") })
            #expect(cells.last?["stdout"] as? String == "cell 2000\n")
            #expect(cells.map { ($0["source"] as? String)?.hasPrefix("let v") == true }.allSatisfy { $0 })
            #expect(try Data(contentsOf: file) == Data(text.utf8))
        }
    }

    @Test(arguments: ["with spaces.md", "it's \"quoted\".md", "$(touch pwned) `id`.md", "naïve 日本語 ✓.md"])
    func awkwardFileNamesWorkForEveryCommand(name: String) throws {
        try inTemporaryDirectory { dir in
            // Line 8 documents 41 where the cell prints 42.
            let text = "# Names\n\n```swift-cell\nprint(6 * 7)\n```\n\n```output\n41\n```\n"
            let file = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let render = try nbrun("render", "--to", "md", name, in: dir)
            #expect(render.status == 0, "\(render.stderr)")
            let report = dir.appendingPathComponent(String(name.dropLast(3)) + ".out.md")
            #expect(FileManager.default.fileExists(atPath: report.path), "\(render.stderr)")
            let check = try nbrun("check", name, in: dir)
            #expect(check.status == 1)
            #expect(
                check.stdout.contains("\(name):8: error: output of cell 1 differs"), "\(check.stdout)\(check.stderr)")
            #expect(try Data(contentsOf: file) == Data(text.utf8))
            let update = try nbrun("update", name, in: dir)
            #expect(update.status == 0, "\(update.stdout)\(update.stderr)")
            #expect(try String(contentsOf: file, encoding: .utf8) == text.replacingOccurrences(of: "41", with: "42"))
            #expect(try nbrun("check", name, in: dir).status == 0)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path))
            for result in [render, check, update] { expectNoCrash(result, notebook: name) }
        }
    }

    /// The same trap, with the notebook named as users name it: bare (run from its folder),
    /// through a folder, and by absolute path. Each must give line 10.
    @Test func aTrapNamesItsLineHoweverTheNotebookIsNamed() throws {
        try inTemporaryDirectory { dir in
            let folder = dir.appendingPathComponent("sub")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let file = try copy("index-out-of-range.md", to: folder)
            for (name, directory) in [
                ("index-out-of-range.md", folder), ("./index-out-of-range.md", folder),
                ("sub/index-out-of-range.md", dir), (file.path, dir)
            ] {
                let result = try nbrun(["render", "--to", "json", "-o", "-", name], in: directory)
                #expect(result.status == 1)
                #expect(
                    result.stderr.hasPrefix(
                        "\(name):10:14: error: Fatal error: Index out of range\nprint(numbers[5])\n             ^\n"),
                    "\(name): \(result.stderr)")
                let cells = try report(result)["cells"] as? [[String: Any]]
                #expect((cells?[1]["error"] as? [String: Any])?["line"] as? Int == 10, "\(name)")
            }
        }
    }

    /// A trap in a notebook with an awkward name is still pinned to its line.
    @Test func aTrapInANotebookWithAnAwkwardNameNamesItsLine() throws {
        try inTemporaryDirectory { dir in
            let name = "naïve notebook's $(x).md"
            try FileManager.default.copyItem(
                atPath: Fixture.path("broken/index-out-of-range.md"),
                toPath: dir.appendingPathComponent(name).path)
            let result = try nbrun("render", "--to", "json", "-o", "-", name, in: dir)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "\(name):10:14: error: Fatal error: Index out of range\nprint(numbers[5])\n             ^\n"),
                "\(result.stderr)")
            expectNoCrash(result, notebook: name)
        }
    }

    // MARK: - Helpers

    struct Runs {
        var render: CommandResult
        var check: CommandResult
        var update: CommandResult
        var all: [CommandResult] { [render, check, update] }
    }

    /// Copies a broken fixture into a fresh folder and runs render (JSON to stdout), check and
    /// update on it there, by its bare name; the notebook must be byte-for-byte unchanged after each.
    private func runAllCommands(_ fixture: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> Runs
    {
        try inTemporaryDirectory { dir in
            let file = try copy(fixture, to: dir)
            let before = try Data(contentsOf: file)
            var results: [CommandResult] = []
            for arguments in [["render", "--to", "json", "-o", "-"], ["check"], ["update"]] {
                let result = try nbrun(arguments + [fixture], in: dir)
                expectNoCrash(result, notebook: fixture, sourceLocation: sourceLocation)
                #expect(
                    try Data(contentsOf: file) == before, "\(arguments[0]) changed \(fixture)",
                    sourceLocation: sourceLocation)
                results.append(result)
            }
            return Runs(render: results[0], check: results[1], update: results[2])
        }
    }

    /// Bad input: exit 2 for every command, one message naming `file:line`, the fence quoted, no report.
    private func expectBadInput(
        _ fixture: String, line: Int, _ message: String, quoting quoted: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let run = try runAllCommands(fixture, sourceLocation: sourceLocation)
        for result in run.all {
            #expect(result.status == 2, sourceLocation: sourceLocation)
            let lines = result.messages.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(
                lines.count == 3 && lines[0].hasPrefix("\(fixture):\(line): error: \(message)")
                    && lines[1] == quoted && lines[2].isEmpty, "\(result.messages)", sourceLocation: sourceLocation)
        }
        #expect(run.render.stdout.isEmpty, "no report for bad input", sourceLocation: sourceLocation)
    }

    /// A runtime trap in cell `trapping`: exit 1, the message at `file:line` with the line
    /// quoted, the JSON error at that line, earlier cells ok and later ones not run.
    private func expectTrap(
        _ run: Runs, _ fixture: String, line: Int, message: String, quoting quoted: String,
        cellCount: Int, trapping index: Int,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for result in run.all { #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation) }
        // `file:line:` then the column the backtrace gives, if any.
        #expect(
            run.render.stderr.contains("\(fixture):\(line):"), "\(run.render.stderr)", sourceLocation: sourceLocation)
        #expect(
            run.render.stderr.contains(" error: \(message)"), "\(run.render.stderr)", sourceLocation: sourceLocation)
        #expect(
            run.render.stderr.contains("\(message)\n\(quoted)"), "\(run.render.stderr)", sourceLocation: sourceLocation)
        let cells = try #require(try report(run.render)["cells"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(cells.count == cellCount, sourceLocation: sourceLocation)
        let statuses = (1...cellCount).map { $0 < index ? "ok" : $0 == index ? "error" : "not-run" }
        #expect(cells.map { $0["status"] as? String } == statuses, sourceLocation: sourceLocation)
        let error = cells[index - 1]["error"] as? [String: Any]
        #expect(error?["line"] as? Int == line, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(
            (error?["message"] as? String)?.contains(message) == true, "\(String(describing: error))",
            sourceLocation: sourceLocation)
    }

    /// nbrun ended on its own (no signal) and printed no runtime error of its own:
    /// every "Fatal error" on stderr is a notebook's, reported at a notebook line.
    private func expectNoCrash(
        _ result: CommandResult, notebook: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(
            [0, 1, 2, 64].contains(result.status), "nbrun exited with \(result.status)", sourceLocation: sourceLocation)
        #expect(!result.messages.contains("*** Program crashed"), "\(result.messages)", sourceLocation: sourceLocation)
        // stderr only: a JSON report on stdout quotes the notebook's own fatal errors.
        for line in result.stderr.split(separator: "\n") where line.contains("Fatal error") {
            #expect(line.hasPrefix("\(notebook):"), "nbrun's own fatal error? \(line)", sourceLocation: sourceLocation)
        }
    }

    private func report(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @discardableResult
    private func copy(_ fixture: String, to dir: URL, as name: String? = nil) throws -> URL {
        let target = dir.appendingPathComponent(name ?? fixture)
        try FileManager.default.copyItem(atPath: Fixture.path("broken/\(fixture)"), toPath: target.path)
        return target
    }

    private func inTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    /// Runs nbrun under `timeout` with a stdin pipe that stays open, as in a terminal or a CI
    /// step that never closes stdin. Status 124 means it was killed after `seconds`.
    private func runWithOpenStdin(_ arguments: [String], in dir: URL, seconds: Int) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments =
            ["-k", "5", String(seconds), nbrunExecutable.path] + arguments
        process.currentDirectoryURL = dir
        process.environment = nbrunEnvironment()
        let input = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorData = Shared(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errorData.update { $0 = data }
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        try input.fileHandleForWriting.close()
        return CommandResult(
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData.value, as: UTF8.self),
            status: process.terminationStatus)
    }
}
