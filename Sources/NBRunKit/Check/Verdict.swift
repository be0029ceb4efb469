/// What checking one cell's documented output found.
public struct Verdict: Sendable {
    public enum Kind: String, Sendable {
        /// The actual output matches the documented one.
        case passed
        /// The actual output differs from the documented one.
        case failed
        /// The cell failed to compile or trapped.
        case errored
        /// The cell printed something (or failed as expected) but documents no output.
        case unchecked
        /// The cell ran, printed nothing and documents nothing: there is nothing to check.
        case silent
        /// The cell documents its output with `match=ignore`.
        case ignored
        /// The cell did not run (an earlier one failed, or `eval=false`).
        case notRun = "not-run"
    }

    public var cell: Cell
    public var kind: Kind
    public var rules: ComparisonRules?
    public var mismatch: OutputMismatch?
    /// The documented output, when there is one.
    public var expected: DocumentedOutput?
    public var actual: String

    /// Where a failure points: the first differing line of the output block, else the cell.
    /// A cell that did not run points at itself, where `check`'s note and annotation say why,
    /// not at the output it left unchecked.
    public func location(file: String) -> SourceLocation {
        if let expected, kind != .notRun {
            return SourceLocation(file: file, line: expected.line + (mismatch?.line ?? 1))
        }
        return SourceLocation(file: file, line: cell.line)
    }

    /// A unified diff of the documented and actual output, headed by the output block's place.
    public func diff(file: String) -> String {
        guard let expected else { return "" }
        return UnifiedDiff.make(
            expected: expected.content, actual: actual,
            expectedName: "\(file):\(expected.line) (documented)", actualName: "actual output")
    }
}

/// The verdicts for a whole notebook.
public struct CheckResult: Sendable {
    public var run: RunResult
    public var verdicts: [Verdict]

    /// Compares each cell's documented output with what it printed.
    public init(run: RunResult, commandLine: OutputOptions = OutputOptions()) {
        self.run = run
        let outputs = run.notebook.documentedOutputs
        verdicts = run.cells.map { result in
            let cell = result.cell
            var verdict = Verdict(
                cell: cell, kind: .unchecked, expected: outputs[cell.index],
                actual: result.comparableOutput(in: run.notebook))
            switch result.status {
            case .error:
                verdict.kind = .errored
                return verdict
            case .notRun, .skipped:
                verdict.kind = .notRun
                return verdict
            case .ok, .expectedError: break
            }
            guard let expected = verdict.expected else {
                if verdict.actual.isEmpty { verdict.kind = .silent }
                return verdict
            }
            let rules = ComparisonRules(
                block: expected.options, notebook: run.notebook.outputDefaults,
                commandLine: commandLine)
            verdict.rules = rules
            if rules.match == .ignore {
                verdict.kind = .ignored
                return verdict
            }
            verdict.mismatch = OutputMatcher.compare(expected: expected.content, actual: verdict.actual, rules: rules)
            verdict.kind = verdict.mismatch == nil ? .passed : .failed
            return verdict
        }
    }

    public func count(_ kind: Verdict.Kind) -> Int { verdicts.filter { $0.kind == kind }.count }
}
