/// One run of a notebook, checked once: its verdicts and its summary travel with it to
/// everything that tells it (the terminal, the report, the JSON, the course index, JUnit,
/// GitHub annotations), so that none of them computes or words it differently.
public struct CheckedRun: Sendable {
    /// Each cell's documented output compared with what it printed.
    public internal(set) var check: CheckResult
    /// What happened, counted.
    public let summary: RunSummary

    /// Checks `run`, comparing outputs as `comparison` says (a block's own options and the
    /// front matter win).
    public init(_ run: RunResult, comparison: OutputOptions = OutputOptions()) {
        check = CheckResult(run: run, commandLine: comparison)
        summary = RunSummary(check)
    }

    public var run: RunResult { check.run }
    public var verdicts: [Verdict] { check.verdicts }

    /// Every cell ran as it should, and no documented output differs (``RunSummary/ok``).
    public var ok: Bool { summary.ok }

    /// The verdict of cell `index`.
    public func verdict(ofCell index: Int) -> Verdict? { verdicts.first { $0.cell.index == index } }
}

extension CheckedRun {
    /// A note at each cell that did not run, saying why, at the notebook's own lines.
    public var notRunNotes: [Diagnostic] {
        summary.notRun.map {
            run.notebook.originalDiagnostic(
                Diagnostic(.note, $0.message, at: SourceLocation(file: run.notebook.file, line: $0.line)))
        }
    }

    /// A warning at each documented output that differs, for commands that don't fail on
    /// one (`render`, `preview`) but must not hide it.
    public var driftWarnings: [Diagnostic] {
        verdicts.filter { $0.kind == .failed }.map {
            run.notebook.originalDiagnostic(
                Diagnostic(
                    .warning, "documented output differs (run nbrun check for the diff)",
                    at: $0.location(file: run.notebook.file)))
        }
    }
}
