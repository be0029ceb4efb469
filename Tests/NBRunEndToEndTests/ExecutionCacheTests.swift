import Foundation
import TestSupport
import Testing

/// `render`'s execution cache (cells marked `cache=true`): a cached cell isn't run again,
/// what it printed comes back marked, the cells after it print what a fresh run prints, an
/// edit of the cell or of what it depends on runs it again, and `check` runs everything
/// unless asked.
@Suite struct ExecutionCacheTests {
    /// Cell 2 is the slow one: it counts its runs in `runs.txt`, draws from the random
    /// stream, changes `net` and declares values of several types; cell 3 draws again and
    /// uses them. `nonce` keeps the test's entries apart from every other run's.
    static func notebook(nonce: String, seed: Int = 0, cell2Comment: String = "", cell3: String = "") -> String {
        """
        # Cached training

        ```swift-cell
        // \(nonce)
        np.random.seed(\(seed))
        let a = np.random.randn(2)
        ```

        ```swift-cell cache=true
        \(cell2Comment)let before = (try? String(contentsOfFile: "runs.txt", encoding: .utf8)) ?? ""
        try? (before + "ran\\n").write(toFile: "runs.txt", atomically: true, encoding: .utf8)
        var w = np.random.randn(3) * a[0]
        w[0] = 1.5
        let steps: [Int] = [1, 2, 3]
        let names = ["lr": 0.5]
        net.w = w * 2
        np.set_printoptions(precision: 3)
        print("w =", w)
        ```

        ```swift-cell
        \(cell3)print(np.random.randn(2))
        print(w.sum(), steps, names["lr"]!, net.w)
        ```

        """
    }

    private func folder(_ text: String) throws -> URL {
        let dir = try temporaryDirectory()
        try text.write(to: dir.appendingPathComponent("n.md"), atomically: true, encoding: .utf8)
        return dir
    }

    private func runs(_ dir: URL) -> Int {
        let text = (try? String(contentsOf: dir.appendingPathComponent("runs.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    /// `render --to md -o -`, which must succeed: the report.
    private func render(_ dir: URL, _ more: String..., environment: [String: String] = [:]) throws -> String {
        let result = try nbrun(["render", "n.md", "--to", "md", "-o", "-"] + more, in: dir, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning"), "\(result.stderr)")
        return result.stdout
    }

    @Test func aCachedCellRendersASecondTimeWithoutRunningAndLaterCellsPrintAFreshRunsBytes() throws {
        let dir = try folder(Self.notebook(nonce: UUID().uuidString))
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try render(dir)
        #expect(runs(dir) == 1)
        #expect(first.contains("w = [1.5   "), "\(first)")

        let second = try render(dir)
        #expect(runs(dir) == 1, "the cached cell ran again")
        // The same report, with cell 2 (and only it) marked as cached.
        let marked = first.replacingOccurrences(
            of: "print(\"w =\", w)\n```\n", with: "print(\"w =\", w)\n```\n> *Outputs cached.*\n")
        #expect(marked != first)
        #expect(second == marked)

        // A fresh run prints the same bytes: the random stream, net and the print options were restored.
        let fresh = try render(dir, "--no-cache")
        #expect(runs(dir) == 2)
        #expect(fresh == first)

        let html = try nbrun("render", "n.md", "-o", "n.html", in: dir)
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("n.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "data-reuse=\"cache\"").count == 2)
        #expect(page.contains("id=\"cell-2\" data-line=\"9\" data-reuse=\"cache\""))
        // The cell says it was cached, not that it ran; the header and the terminal count it.
        #expect(page.contains("<span class=\"cell-status\"><span class=\"cell-reuse\">cached</span></span>"))
        #expect(page.contains("all 3 cells ran (1 cached)"))
        #expect(html.stderr.contains("n.md: 3 cells ok (1 cached) in "), "\(html.stderr)")
        #expect(runs(dir) == 2)
    }

    @Test func anEditOfTheCellOrOfWhatItDependsOnRunsItAgainAndALaterEditDoesNot() throws {
        let nonce = UUID().uuidString
        let dir = try folder(Self.notebook(nonce: nonce))
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try render(dir)
        #expect(runs(dir) == 1)

        // An edit after the cached cell: it stays cached.
        try Self.notebook(nonce: nonce, cell3: "print(\"after\")\n").write(
            to: dir.appendingPathComponent("n.md"), atomically: true, encoding: .utf8)
        #expect(try render(dir).contains("> *Outputs cached.*"))
        #expect(runs(dir) == 1)

        // An edit of the cached cell itself, even a comment: it runs again.
        try Self.notebook(nonce: nonce, cell2Comment: "// slow\n").write(
            to: dir.appendingPathComponent("n.md"), atomically: true, encoding: .utf8)
        #expect(!(try render(dir)).contains("> *Outputs cached.*"))
        #expect(runs(dir) == 2)

        // An edit of the cell it depends on (another seed): it runs again, and prints other numbers.
        try Self.notebook(nonce: nonce, seed: 1).write(
            to: dir.appendingPathComponent("n.md"), atomically: true, encoding: .utf8)
        let reseeded = try render(dir)
        #expect(!reseeded.contains("> *Outputs cached.*"))
        #expect(runs(dir) == 3)
        #expect(reseeded != original)

        // Back to the original: its entry is still there.
        try Self.notebook(nonce: nonce).write(
            to: dir.appendingPathComponent("n.md"), atomically: true, encoding: .utf8)
        #expect(try render(dir).contains("> *Outputs cached.*"))
        #expect(runs(dir) == 3)
    }

    @Test func anEntryThatCantBeReadIsAnErrorNeverAnEmptyOutputAndTheNextRenderRunsTheCell() throws {
        let dir = try folder(Self.notebook(nonce: UUID().uuidString))
        defer { try? FileManager.default.removeItem(at: dir) }
        // A cache of its own, so that its one entry is this notebook's.
        let environment = ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path]
        let first = try render(dir, environment: environment)
        let executions = dir.appendingPathComponent("cache/nbrun/executions")
        let entries = try FileManager.default.contentsOfDirectory(atPath: executions.path)
        #expect(entries.count == 1)
        try "{".write(
            to: executions.appendingPathComponent("\(entries[0])/outputs.json"), atomically: true, encoding: .utf8)
        let broken = try nbrun("render", "n.md", "--to", "md", "-o", "-", in: dir, environment: environment)
        #expect(broken.status == 1)
        #expect(
            broken.stderr.contains(
                "the execution cache's entry for this cell could not be read; it is removed, so render again "
                    + "to run the cell"), "\(broken.stderr)")
        #expect(runs(dir) == 1)
        #expect(try render(dir, environment: environment) == first)
        #expect(runs(dir) == 2)
    }

    @Test func checkRunsEveryCellUnlessAskedToUseTheCache() throws {
        let dir = try folder(Self.notebook(nonce: UUID().uuidString))
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try render(dir)
        #expect(runs(dir) == 1)
        let check = try nbrun("check", "n.md", in: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(runs(dir) == 2)
        let cached = try nbrun("check", "--use-cache", "n.md", in: dir)
        #expect(cached.status == 0, "\(cached.stdout)\(cached.stderr)")
        #expect(runs(dir) == 2)
        // update writes documented outputs: always from a real run.
        #expect(try nbrun("update", "n.md", in: dir).status == 0)
        #expect(runs(dir) == 3)
    }

    @Test func aCellThatCantBeCachedSaysWhyAtItsLineAndRunsEveryTime() throws {
        let text = """
            ```swift-cell
            // \(UUID().uuidString)
            var total = 0.0
            var seen = [1.0]
            ```

            ```swift-cell cache=true
            let one = 1.0
              total += one
            ```

            ```swift-cell cache=true
            let twice: (Double) -> Double = { $0 * 2 }
            print(twice(total))
            ```

            ```swift-cell cache=true
            seen.append(2)
            print(seen)
            ```

            """
        let dir = try folder(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        for _ in 0..<2 {
            let result = try nbrun("render", "n.md", "--to", "md", "-o", "-", in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("> *Outputs cached.*"))
            #expect(result.stdout.contains("```text\n2.0\n```"))
            #expect(result.stdout.contains("```text\n[1.0, 2.0]\n```"))
            for warning in [
                "n.md:9:3: warning: cache=true can't apply: it assigns to 'total', which cell 1 declares; "
                    + "the cell runs every time",
                "n.md:12:15: warning: cache=true can't apply: 'twice' holds a (Double) -> Double, which nbrun "
                    + "can't save; the cell runs every time",
                "n.md:17:15: warning: cache=true can't apply: it changes 'seen', which an earlier cell declares; "
                    + "the cell runs every time"
            ] {
                #expect(result.stderr.contains(warning + "\n"), "\(result.stderr)")
            }
        }
    }

    /// numpy's global stream starts from system entropy: a notebook that never seeds it
    /// must still hit (the entropy differs in every process), and a cell that draws from
    /// it unseeded prints numbers no run gives again, so it says it can't be cached.
    @Test func aNotebookThatNeverSeedsHitsAndACellDrawingUnseededNumbersSaysWhy() throws {
        let text = """
            ```swift-cell cache=true
            // \(UUID().uuidString)
            let before = (try? String(contentsOfFile: "runs.txt", encoding: .utf8)) ?? ""
            try? (before + "ran\\n").write(toFile: "runs.txt", atomically: true, encoding: .utf8)
            let w = np.arange(3.0) * 0.5
            print(w)
            ```

            ```swift-cell cache=true
            let u = np.random.rand()
            print(u < 1)
            ```

            """
        let dir = try folder(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        for round in 1...2 {
            let result = try nbrun("render", "n.md", "--to", "md", "-o", "-", in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(runs(dir) == 1, "cell 1 ran again in round \(round)")
            #expect(result.stdout.components(separatedBy: "> *Outputs cached.*").count == round)
            #expect(result.stdout.contains("```text\n[0.  0.5 1. ]\n```\n"))
            #expect(result.stdout.contains("```text\ntrue\n```"))
            let warning =
                "n.md:9:15: warning: cache=true can't apply: it draws from np.random, which no "
                + "np.random.seed(...) seeded; the cell runs every time\n"
            #expect(result.stderr.contains(warning), "\(result.stderr)")
        }
    }
}
