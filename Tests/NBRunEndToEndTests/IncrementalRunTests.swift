import Foundation
import NBRunKit
import TestSupport
import Testing

/// What `nbrun preview` shows at once after an edit (outputs reused, or cells run again from
/// a checkpoint) is what a fresh run of the whole notebook gives: random notebooks, random
/// edits (of prose, of one cell, of a cell others use, deletions, new cells), the real
/// compiler and runtime, each quick result compared with a fresh run's. The seed is in
/// every message, to replay a failure.
@Suite(.serialized) struct IncrementalRunTests {
    /// A session that keeps a checkpoint after every cell, and a runner for fresh runs.
    /// Its programs compile as units of cells on two threads, however few their cells, as
    /// large notebooks' do: a patch's cells must bind to the same symbols in them.
    static func session(in folder: URL) throws -> (EditSession, NotebookRunner) {
        var runner = try Workbench(settings: testRunSettings()).runner
        runner.compiler.codeGenerationThreads = 2
        runner.compiler.fewestCellsForUnits = 2
        let pool = try CheckpointPool(folder: folder.appendingPathComponent("checkpoints"), spacing: 0)
        return (EditSession(runner: runner, pool: pool), runner)
    }

    /// Every cell's visible results in `quick` are `fresh`'s: stdout, stderr, status and
    /// error, tensors and figures.
    static func expectSame(_ quick: RunResult, _ fresh: RunResult, _ context: String) {
        #expect(quick.cells.count == fresh.cells.count, "\(context)")
        for (mine, theirs) in zip(quick.cells, fresh.cells) {
            let what = "\(context), cell \(mine.cell.index)"
            #expect(mine.stdout == theirs.stdout, "\(what): stdout")
            #expect(mine.stderr == theirs.stderr, "\(what): stderr")
            #expect(mine.status == theirs.status, "\(what): status")
            #expect(mine.error?.message == theirs.error?.message, "\(what): error")
            #expect(mine.error?.line == theirs.error?.line, "\(what): error line")
            #expect(mine.tensors == theirs.tensors, "\(what): tensors")
            #expect(mine.figures == theirs.figures, "\(what): figures")
        }
        #expect(quick.cellsDiffering(from: fresh).isEmpty, "\(context)")
    }

    @Test func everyQuickResultIsAFreshRunsAfterRandomEdits() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A fixed seed, so CI runs the same edits every time; NBRUN_TEST_SEED tries others.
        let seed = ProcessInfo.processInfo.environment["NBRUN_TEST_SEED"].flatMap { UInt64($0) } ?? 21
        var random = SeededRandom(seed: seed)
        let file = folder.appendingPathComponent("random.md").path
        var notebook = RandomNotebook(random: &random)
        let (session, runner) = try Self.session(in: folder)
        defer { session.pool.close() }

        _ = try session.freshRun(try Notebook(parsing: notebook.text, file: file))
        var kinds: [String: Int] = [:]
        for step in 1...10 {
            let edit = notebook.edit(random: &random)
            let parsed = try Notebook(parsing: notebook.text, file: file)
            let context = "seed \(seed), step \(step), after \(edit)"
            let quick = try session.quickRun(parsed)
            // As in the preview, a fresh run follows, unless the next save comes first (then
            // the next quick result builds on this one).
            let fresh = random.next() % 3 != 0 ? try session.freshRun(parsed) : try runner.run(parsed)
            if let (quick, how) = quick {
                kinds[String(describing: how).components(separatedBy: "(").first!, default: 0] += 1
                #expect(quick.cells.contains { $0.reuse != nil }, "\(context): a quick result is marked")
                Self.expectSame(quick, fresh, context)
            }
        }
        // The edits went both ways: outputs reused as they were, and cells run from a checkpoint.
        #expect(kinds["sameProgram", default: 0] > 0, "seed \(seed): \(kinds)")
        #expect(kinds["resumed", default: 0] > 0, "seed \(seed): \(kinds)")
    }
}

extension IncrementalRunTests {
    /// Edit cell 2 and save again before a fresh run ran it (so no checkpoint has the new
    /// cell 2), then edit cell 4: the checkpoints after cells 2 and 3 hold the old cell 2's
    /// state and must not be used.
    @Test func aCheckpointOfOlderCodeIsNeverUsed() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, runner) = try Self.session(in: folder)
        defer { session.pool.close() }
        func notebook(scale: String, label: String) throws -> Notebook {
            try Notebook(
                parsing: """
                    ```swift-cell
                    np.random.seed(1)
                    ```

                    ```swift-cell
                    let a = np.random.randn(2) * \(scale)
                    ```

                    ```swift-cell
                    let b = a + 1
                    ```

                    ```swift-cell
                    print("\(label)", b, np.random.rand())
                    ```

                    """, file: folder.appendingPathComponent("n.md").path)
        }
        _ = try session.freshRun(try notebook(scale: "1.0", label: "first"))
        let second = try notebook(scale: "2.0", label: "first")
        _ = try session.quickRun(second)
        let third = try notebook(scale: "2.0", label: "second")
        let (quick, how) = try #require(try session.quickRun(third))
        #expect(how != .resumed(after: 3) && how != .resumed(after: 2))
        Self.expectSame(quick, try runner.run(third), "after two edits")
        #expect(quick.cells[3].stdout.hasPrefix("second [ 4.24869073 -0.22351283] "), "\(quick.cells[3].stdout)")
    }
}

/// A notebook of small cells that depend on each other, draw from numpy's random stream,
/// define functions, plot and print, with prose between them; and edits of it.
struct RandomNotebook {
    var cells: [String] = []
    var prose: [String] = []
    private var counter = 0

    init(random: inout SeededRandom) {
        // numpy's stream is seeded first: an unseeded one gives other numbers on every run.
        cells.append("np.random.seed(\(random.next() % 100))")
        for _ in 0..<5 { cells.append(newCell(random: &random)) }
        prose = cells.indices.map { "Step \($0 + 1) of the notebook." }
    }

    var text: String {
        zip(prose, cells).map { "\($0)\n\n```swift-cell\n\($1)\n```\n" }.joined(separator: "\n")
    }

    /// A cell that uses what the cells before it declare: `t1`, `t2`, … are 2×2 tensors,
    /// `f1`, … functions of a tensor.
    private mutating func newCell(random: inout SeededRandom) -> String {
        counter += 1
        let n = counter
        let tensors = declared(prefix: "t")
        let functions = declared(prefix: "f")
        let earlier = tensors.randomElement(using: &random) ?? "np.ones([2, 2])"
        switch random.next() % 6 {
        case 0: return "np.random.seed(\(random.next() % 100))\nlet t\(n) = np.random.randn(2, 2)"
        case 1: return "let t\(n) = \(earlier) * \(random.next() % 5 + 1).0 + np.random.randn(2, 2)\nprint(t\(n).sum())"
        case 2: return "func f\(n)(_ x: Tensor) -> Tensor { x * \(random.next() % 3 + 2).0 }"
        case 3:
            let function = functions.randomElement(using: &random).map { "\($0)(\(earlier))" } ?? earlier
            return "var t\(n) = \(function)\nfor _ in 0..<3 { t\(n) = t\(n) + 1 }\nprint(\"cell \(n)\", t\(n))"
        case 4: return "plt.plot([1.0, 2.0, 3.0], [\(random.next() % 9).0, 2.0, 1.0])\nplt.title(\"cell \(n)\")"
        default: return "print(\"numbers\", \(earlier).max(), np.random.rand())"
        }
    }

    private func declared(prefix: String) -> [String] {
        cells.flatMap { cell in
            cell.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
                .filter { $0.hasPrefix(prefix) && $0.dropFirst().allSatisfy(\.isNumber) && $0.count > 1 }
        }.filter { name in
            cells.contains {
                $0.contains("let \(name) =") || $0.contains("var \(name) =") || $0.contains("func \(name)(")
            }
        }
    }

    /// Edits the notebook at random and says how.
    mutating func edit(random: inout SeededRandom) -> String {
        let index = Int(random.next() % UInt64(cells.count - 1)) + 1  // the seed stays first
        switch random.next() % 5 {
        case 0:
            prose[index] += "\n\nAnother sentence, \(random.next() % 100)."
            return "a prose edit before cell \(index + 1)"
        case 1:
            let last = cells.count - 1
            cells[last] += "\nprint(\"added \(random.next() % 100)\")"
            return "an edit of the last cell"
        case 2:
            cells[index] = cells[index].replacingOccurrences(of: ".0", with: ".5", options: [], range: nil)
            return "an edit of cell \(index + 1) (numbers)"
        case 3 where cells.count > 3:
            cells.remove(at: index)
            prose.remove(at: index)
            return "the deletion of cell \(index + 1)"
        default:
            cells.append(newCell(random: &random))
            prose.append("A new step.")
            return "a new last cell"
        }
    }
}

/// A small reproducible random stream (SplitMix64), so a failing seed can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
