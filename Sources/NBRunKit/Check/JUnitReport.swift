/// JUnit XML for CI systems: one `testsuite` per notebook, one `testcase` per checked cell.
///
/// Checked cells are those with a documented output, plus cells that failed to run. A
/// documented output that was not compared is `skipped`, and says why: the reason its cell
/// did not run, `eval=false`, or `match=ignore`.
/// With `strict`, cells that print something but document nothing are testcases that fail.
/// A notebook that could not be read or run at all is a testsuite with one erroring testcase,
/// so a CI dashboard never shows it green.
public struct JUnitReport: Sendable {
    public var checks: [CheckedRun]
    public var strict: Bool
    /// Notebooks that could not be checked, with why.
    public var problems: [(file: String, message: String)]

    public init(checks: [CheckedRun], strict: Bool = false, problems: [(file: String, message: String)] = []) {
        self.checks = checks
        self.strict = strict
        self.problems = problems
    }

    public var xml: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for problem in problems {
            xml +=
                "  <testsuite name=\(attribute(problem.file)) tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                + "    <testcase classname=\(attribute(problem.file)) name=\"notebook\" file=\(attribute(problem.file))>\n"
                + "      <error message=\(attribute(problem.message))/>\n    </testcase>\n  </testsuite>\n"
        }
        for check in checks {
            let file = check.run.notebook.file
            let cases = check.verdicts.filter(included)
            let failures = cases.filter { $0.kind == .failed || ($0.kind == .unchecked && strict) }.count
            let errors = cases.filter { $0.kind == .errored }.count
            let skipped = cases.filter { $0.kind == .ignored || $0.kind == .notRun }.count
            xml +=
                "  <testsuite name=\(attribute(file)) tests=\"\(cases.count)\" failures=\"\(failures)\""
                + " errors=\"\(errors)\" skipped=\"\(skipped)\">\n"
            for verdict in cases {
                let name = verdict.cell.name
                let location = verdict.location(file: file)
                xml +=
                    "    <testcase classname=\(attribute(file)) name=\(attribute(name))"
                    + " file=\(attribute(file)) line=\"\(location.line)\""
                switch verdict.kind {
                case .passed:
                    xml += "/>\n"
                    continue
                case .failed:
                    xml +=
                        ">\n      <failure message=\(attribute(verdict.mismatch?.reason ?? "output differs"))>"
                        + text(verdict.diff(file: file)) + "</failure>\n"
                case .errored:
                    let error = check.run.cells.first { $0.cell.index == verdict.cell.index }?.error
                    xml +=
                        ">\n      <error message=\(attribute(error?.message ?? "the cell failed"))>"
                        + text(error?.diagnostics.map(\.formatted).joined(separator: "\n") ?? "") + "</error>\n"
                case .unchecked:
                    xml += ">\n      <failure message=\"the cell documents no output (--strict)\"/>\n"
                case .ignored, .notRun, .silent:
                    xml += ">\n      <skipped message=\(attribute(skipReason(verdict, in: check)))/>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Why a documented output was not compared.
    private func skipReason(_ verdict: Verdict, in check: CheckedRun) -> String {
        if verdict.kind == .ignored { return "match=ignore" }
        if let notRun = check.summary.notRun.first(where: { $0.cell == verdict.cell.index }) { return notRun.reason }
        return verdict.cell.options.eval ? "not run" : "eval=false"
    }

    private func included(_ verdict: Verdict) -> Bool {
        verdict.expected != nil || verdict.kind == .errored || (verdict.kind == .unchecked && strict)
    }

    private func attribute(_ value: String) -> String { Escape.xmlAttribute(value) }

    private func text(_ value: String) -> String { Escape.xml(value) }
}
