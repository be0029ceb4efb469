/// What happened to a notebook's cells and to its documented outputs, counted once.
///
/// Every sentence nbrun says about a run is worded here, from these counts: the line the
/// terminal shows after `render` and `preview` (``line``), the counts `check` prints
/// (``checkCounts``), the report's status line (``status``), and why each cell that did not
/// run didn't (``notRun``, shown in the terminal, JUnit and GitHub annotations).
///
/// Each cell is in exactly one of ``ran``, ``failedAsExpected``, ``failed``, ``notRun``,
/// ``skipped`` and ``exercises``; and each documented output is in exactly one of
/// ``checkCounts``' counts.
public struct RunSummary: Sendable, Equatable {
    /// A cell that did not run although it should have, and why.
    public struct NotRun: Sendable, Equatable {
        public var cell: Int
        /// `cell 2`, or `cell 2 (forward)` for a cell with an id.
        public var name: String
        /// The line of the cell's opening fence.
        public var line: Int
        /// `uses 'W', declared in cell 1, which does not compile`.
        public var reason: String
    }

    /// Cells that ran without error.
    public var ran = 0
    /// Of ``ran``, the cells `render` took from its execution cache instead of running them.
    public var cached = 0
    /// `expect=error` cells that failed, as they should.
    public var failedAsExpected = 0
    /// Cells that didn't compile, trapped, timed out, or (`expect=error`) ran.
    public var failed = 0
    /// Cells a failure kept from running, with why.
    public var notRun: [NotRun] = []
    /// `eval=false` cells.
    public var skipped = 0
    /// The exercise cells of a student version, which don't run.
    public var exercises = 0

    /// Documented outputs that matched and that differed.
    public var passed = 0
    public var differ = 0
    /// Documented outputs of cells that ran, compared with `match=ignore`.
    public var ignored = 0
    /// Cells that printed something (or failed as expected) but document nothing.
    public var unchecked = 0
    /// All documented outputs, whatever became of them.
    public var documented = 0

    public init() {}

    /// Counts a checked run.
    init(_ check: CheckResult) {
        let exerciseCells = check.run.notebook.versionInfo?.exercises ?? []
        documented = check.verdicts.filter { $0.expected != nil }.count
        for (cell, verdict) in zip(check.run.cells, check.verdicts) {
            switch cell.status {
            case .ok:
                ran += 1
                if cell.reuse == .cache { cached += 1 }
            case .expectedError: failedAsExpected += 1
            case .error: failed += 1
            case .skipped where exerciseCells.contains(cell.cell.index): exercises += 1
            case .skipped: skipped += 1
            case .notRun:
                notRun.append(
                    NotRun(
                        cell: cell.cell.index, name: cell.cell.name, line: cell.cell.line,
                        reason: cell.reason ?? "an earlier cell failed"))
            }
            switch verdict.kind {
            case .passed: passed += 1
            case .failed: differ += 1
            case .ignored: ignored += 1
            case .unchecked: unchecked += 1
            case .errored, .notRun, .silent: break
            }
        }
    }

    /// Every cell that should run ran as it should.
    public var allRan: Bool { failed == 0 && notRun.isEmpty }

    /// Every cell ran as it should, and no documented output differs: the one meaning of
    /// "ok", in the report, the JSON, the course index and `check`'s exit status.
    public var ok: Bool { allRan && differ == 0 }

    /// Documented outputs that were not compared, because their cell failed or did not run.
    public var documentedNotCompared: Int { documented - passed - differ - ignored }

    // MARK: - Wording

    /// `6 cells ok`, `6 cells ok (2 cached)`, or `1 cell failed, 1 not run`; then
    /// `, 2 skipped` (`eval=false`) and `, 4 exercise cells not run` when there are any.
    /// What `render` and `preview` say.
    public var line: String {
        var parts: [String] = []
        if allRan {
            parts.append((ran + failedAsExpected).counted("cell") + " ok" + cachedNote)
        } else {
            if failed > 0 { parts.append(failed.counted("cell") + " failed") }
            if !notRun.isEmpty {
                parts.append(failed > 0 ? "\(notRun.count) not run" : notRun.count.counted("cell") + " not run")
            }
        }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if exercises > 0 { parts.append(exercises.counted("exercise cell") + " not run") }
        return parts.joined(separator: ", ")
    }

    /// `3 passed, 1 failed, 1 errored, 1 not run, 0 unchecked`: what `check` says of a
    /// notebook. `not run`, `skipped`, `ignored` and exercises appear when there are any, so
    /// that each documented output is in exactly one count.
    public var checkCounts: String {
        Self.checkCounts(
            passed: passed, failed: differ, errored: failed, notRun: notRun.count, skipped: skipped,
            ignored: ignored, exercises: exercises, unchecked: unchecked)
    }

    /// ``checkCounts`` of several notebooks together.
    static func checkCounts(_ summaries: [RunSummary]) -> String {
        func total(_ count: (RunSummary) -> Int) -> Int { summaries.reduce(0) { $0 + count($1) } }
        return checkCounts(
            passed: total(\.passed), failed: total(\.differ), errored: total(\.failed),
            notRun: total(\.notRun.count), skipped: total(\.skipped), ignored: total(\.ignored),
            exercises: total(\.exercises), unchecked: total(\.unchecked))
    }

    private static func checkCounts(
        passed: Int, failed: Int, errored: Int, notRun: Int, skipped: Int, ignored: Int, exercises: Int,
        unchecked: Int
    ) -> String {
        var parts = ["\(passed) passed", "\(failed) failed", "\(errored) errored"]
        if notRun > 0 { parts.append("\(notRun) not run") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if ignored > 0 { parts.append("\(ignored) ignored") }
        if exercises > 0 { parts.append(exercises.counted("exercise cell") + " not run") }
        parts.append("\(unchecked) unchecked")
        return parts.joined(separator: ", ")
    }

    /// ` (2 cached)` when cells came from the execution cache, else nothing.
    private var cachedNote: String { cached > 0 ? " (\(cached) cached)" : "" }

    /// The report's status line: `all 6 cells ran; all 4 documented outputs matched`, or
    /// `1 cell failed; 1 of 3 ran, 1 not run; 1 documented output matched, 1 not compared`;
    /// `all 6 cells ran (2 cached)` when cells came from the execution cache.
    public var status: String {
        let total = ran + failedAsExpected + failed + notRun.count + skipped
        var status =
            allRan
            ? (ran == 1 ? "1 cell ran" : ran == 0 ? "no cells ran" : "all \(ran) cells ran")
            : (failed > 0 ? failed.counted("cell") + " failed; " : "") + "\(ran) of \(total) ran"
        status += cachedNote
        if !notRun.isEmpty { status += ", \(notRun.count) not run" }
        if failedAsExpected > 0 { status += ", \(failedAsExpected) failed as expected" }
        if skipped > 0 { status += ", \(skipped) skipped" }
        if exercises > 0 { status += ", \(exercises.counted("exercise cell")) not run" }
        let compared = passed + differ
        var outputs: [String] = []
        if differ > 0 {
            outputs.append(
                compared == 1 ? "the documented output differs" : "\(differ) of \(compared) documented outputs differ")
        } else if compared > 0 {
            outputs.append(compared == 1 ? "1 documented output matched" : "all \(compared) documented outputs matched")
        }
        if documentedNotCompared > 0 {
            outputs.append(
                outputs.isEmpty
                    ? documentedNotCompared.counted("documented output") + " not compared"
                    : "\(documentedNotCompared) not compared")
        }
        if !outputs.isEmpty { status += "; " + outputs.joined(separator: ", ") }
        return status
    }
}

extension RunSummary.NotRun {
    /// `cell 2 was not run: uses 'W', declared in cell 1, which does not compile`.
    public var message: String { "\(name) was not run: \(reason)" }
}
