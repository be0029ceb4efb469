import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The commands' policy, in process: sharding, report destinations, JUnit, diffs, summaries.
    @Suite struct JobTests {
        @Test func shardsCoverEveryNotebookExactlyOnceWhateverTheOrder() throws {
            let files = ["e.md", "a.md", "d.md", "c.md", "b.md"]
            for count in 1...7 {
                let shards = (1...count).map { Shard("\($0)/\(count)")!.select(files) }
                #expect(shards.flatMap { $0 }.sorted() == files.sorted(), "\(count) shards")
                #expect(shards.map(\.count).reduce(0, +) == files.count)
                let reversed = (1...count).map { Shard("\($0)/\(count)")!.select(files.reversed()) }
                #expect(reversed.map { Set($0) } == shards.map { Set($0) })
            }
            // An empty shard is normal in a CI matrix.
            #expect(Shard("2/2")!.select(["one.md"]) == [])
            #expect(Shard("3/2") == nil && Shard("0/2") == nil && Shard("1/0") == nil && Shard("a/b") == nil)
        }

        @Test func junitListsANotebookThatCouldNotBeChecked() {
            let xml = JUnitReport(checks: [], problems: [("missing.md", "missing.md: no such file")]).xml
            #expect(
                xml.contains("<testsuite name=\"missing.md\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">"))
            #expect(xml.contains("<error message=\"missing.md: no such file\"/>"))
        }

        @Test func anErrorIsAValueTheCLIWords() {
            // The library says what went wrong; `nbrun: error: ` is the CLI's (Transcript+Terminal).
            let outcome = ImportJob().run("no-such-notebook.ipynb")
            #expect(outcome.status == .badInput)
            #expect(outcome.transcripts.flatMap(\.entries) == [.error("no-such-notebook.ipynb: can't read it")])
        }

        @Test func theSummaryUsesTheSameWordsAsEachNotebook() {
            #expect(CheckJob.summary([]) == "nbrun check: 0 notebooks, 0 passed, 0 failed, 0 errored, 0 unchecked")
            let unread = CheckJob.NotebookCheck(
                file: "x.md", transcript: Transcript(), problem: NotebookProblem(status: .badInput, message: "gone"),
                status: .badInput)
            #expect(
                CheckJob.summary([unread]) == "nbrun check: 1 notebook, 0 passed, 0 failed, 0 errored, 0 unchecked; "
                    + "1 notebook could not be checked")
        }

        @Test func aDiffOfLongOutputsIsQuickAndShowsOnlyTheChange() {
            let expected = (1...50_000).map { "line \($0)" }.joined(separator: "\n") + "\n"
            let actual = expected.replacingOccurrences(of: "line 25000\n", with: "line 25000 changed\n")
            // An LCS table for this would hold 2.5 billion entries.
            let diff = UnifiedDiff.make(expected: expected, actual: actual, expectedName: "a", actualName: "b")
            #expect(
                diff == """
                    --- a
                    +++ b
                    @@ -24997,7 +24997,7 @@
                     line 24997
                     line 24998
                     line 24999
                    -line 25000
                    +line 25000 changed
                     line 25001
                     line 25002
                     line 25003

                    """)
        }

        @Test func scratchFoldersMadeOnManyThreadsAreAllRemoved() throws {
            // A lock taken once for the read and once for the write lost about half of these.
            let folders = parallelMap(Array(0..<8), jobs: 8) { _ in (0..<100).map { _ in try? ScratchFolders.make() } }
                .flatMap { $0 }.compactMap { $0 }
            #expect(folders.count == 800)
            #expect(ScratchFolders.inUse.isSuperset(of: folders))
            // Each one by itself: removeAll() would also take the folders of tests running beside this one.
            _ = parallelMap(folders, jobs: 8) { ScratchFolders.remove($0) }
            #expect(ScratchFolders.inUse.isDisjoint(with: folders))
            #expect(folders.filter { FileManager.default.fileExists(atPath: $0.path) }.isEmpty)
        }

        @Test func reportDestinationsAreWorkedOutAndMadeBeforeAnythingRuns() throws {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            func destinations(_ files: [String], _ output: String) -> Result<[RenderJob.Destination], Message> {
                RenderJob.destinations(for: files, output: output, format: .html)
            }
            let nested = dir.appendingPathComponent("new/deeper/x.html").path
            #expect(try destinations(["a.md"], nested).get() == [.file(nested)])
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("new/deeper").path))

            let site = dir.appendingPathComponent("site").path + "/"
            #expect(
                try destinations(["notebooks/a.md", "b.md"], site).get() == [
                    .file(site + "a.html"), .file(site + "b.html")
                ])
            #expect(throws: Message.self) { try destinations(["one/a.md", "two/a.md"], site).get() }
            // Several HTML pages or PDFs can't share stdout; Markdown and JSON reports can.
            #expect(try destinations(["a.md"], "-").get() == [.stdout])
            #expect(throws: Message.self) { try destinations(["a.md", "b.md"], "-").get() }
            #expect(throws: Message.self) {
                try RenderJob.destinations(for: ["a.md", "b.md"], output: "-", format: .pdf).get()
            }
            for format in [ReportFormat.md, .json] {
                #expect(
                    try RenderJob.destinations(for: ["a.md", "b.md"], output: "-", format: format).get() == [
                        .stdout, .stdout
                    ])
            }
            #expect(throws: Message.self) {
                try destinations(["a.md", "b.md"], dir.appendingPathComponent("x.html").path).get()
            }

            // A folder that can't be made: its would-be parent is a file.
            let file = dir.appendingPathComponent("plain.txt")
            try "x".write(to: file, atomically: true, encoding: .utf8)
            #expect(throws: Message.self) {
                try destinations(["a.md"], file.appendingPathComponent("x.html").path).get()
            }
        }
    }
}
