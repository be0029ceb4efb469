/// JUnit XML for CI systems: one `testsuite` per notebook, one `testcase` per checked cell.
///
/// Checked cells are those with a documented output, plus cells that failed to run.
/// With `strict`, cells without a documented output are testcases that fail.
public struct JUnitReport: Sendable {
    public var checks: [CheckResult]
    public var strict: Bool

    public init(checks: [CheckResult], strict: Bool = false) {
        self.checks = checks
        self.strict = strict
    }

    public var xml: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for check in checks {
            let file = check.run.notebook.file
            let cases = check.verdicts.filter(included)
            let failures = cases.filter { $0.kind == .failed || ($0.kind == .unchecked && strict) }.count
            let errors = cases.filter { $0.kind == .errored }.count
            let skipped = cases.filter { $0.kind == .ignored || $0.kind == .notRun }.count
            xml += "  <testsuite name=\(attribute(file)) tests=\"\(cases.count)\" failures=\"\(failures)\""
                + " errors=\"\(errors)\" skipped=\"\(skipped)\">\n"
            for verdict in cases {
                let name = "cell \(verdict.cell.index)" + (verdict.cell.options.id.map { " (\($0))" } ?? "")
                let location = verdict.location(file: file)
                xml += "    <testcase classname=\(attribute(file)) name=\(attribute(name))"
                    + " file=\(attribute(file)) line=\"\(location.line)\""
                switch verdict.kind {
                case .passed:
                    xml += "/>\n"
                    continue
                case .failed:
                    xml += ">\n      <failure message=\(attribute(verdict.mismatch?.reason ?? "output differs"))>"
                        + text(verdict.diff(file: file)) + "</failure>\n"
                case .errored:
                    let error = check.run.cells.first { $0.cell.index == verdict.cell.index }?.error
                    xml += ">\n      <error message=\(attribute(error?.message ?? "the cell failed"))>"
                        + text(error?.diagnostics.map(\.formatted).joined(separator: "\n") ?? "") + "</error>\n"
                case .unchecked:
                    xml += ">\n      <failure message=\"the cell documents no output (--strict)\"/>\n"
                case .ignored, .notRun:
                    xml += ">\n      <skipped message=\(attribute(verdict.kind == .ignored ? "match=ignore" : "not run"))/>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private func included(_ verdict: Verdict) -> Bool {
        verdict.expected != nil || verdict.kind == .errored || (verdict.kind == .unchecked && strict)
    }

    private func attribute(_ value: String) -> String {
        "\"" + escape(value).replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "\n", with: "&#10;") + "\""
    }

    private func text(_ value: String) -> String { escape(value) }

    /// XML-escapes `value` and drops the control characters XML 1.0 forbids.
    private func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
