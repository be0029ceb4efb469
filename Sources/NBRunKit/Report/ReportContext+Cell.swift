import Foundation

extension ReportContext {
    /// A cell's values for templates; see the README's Templates section.
    ///
    /// What the cell's options hide is left out: no `stdout`/`stderr` with
    /// `output=false`, no `tensors` with `tensors=false`; `echo=false` sets `echo` false.
    static func cell(_ run: CellResult, verdict: Verdict?, notebook: Notebook, format: ReportFormat) -> [String: Any] {
        let cell = run.cell
        var entry: [String: Any] = [
            "index": cell.index,
            "line": cell.line,
            "label": cell.label,
            "status": run.status.rawValue,
            "isOK": run.status == .ok,
            "isError": run.status == .error,
            "isNotRun": run.status == .notRun,
            "isExpectedError": run.status == .expectedError,
            "rerunDiffers": run.rerunDiffers,
            "isSkipped": run.status == .skipped,
            "echo": cell.options.echo,
            "source": withNewline(cell.source),
            "fence": fence(for: cell.source),
        ]
        if let id = cell.options.id { entry["id"] = id }
        if let reason = run.reason { entry["reason"] = reason }
        if format == .html, cell.options.echo {
            entry["sourceLines"] = SwiftHighlighter.lines(of: cell.source).enumerated().map { offset, html in
                let number = cell.firstCodeLine + offset
                return ["number": number, "html": html, "isError": number == run.error?.line] as [String: Any]
            }
        }
        if cell.options.output {
            if !run.stdout.isEmpty { entry["stdout"] = withNewline(run.stdout); entry["stdoutFence"] = fence(for: run.stdout) }
            if !run.stderr.isEmpty { entry["stderr"] = withNewline(run.stderr); entry["stderrFence"] = fence(for: run.stderr) }
        }
        if let verdict, let expected = verdict.expected, verdict.kind == .passed || verdict.kind == .failed {
            var check: [String: Any] = ["matched": verdict.kind == .passed, "line": expected.line,
                                        "location": SourceLocation(file: notebook.file, line: expected.line).description]
            if let mismatch = verdict.mismatch { check["reason"] = mismatch.reason }
            entry["check"] = check
        }
        if let error = run.error {
            var info: [String: Any] = ["message": error.message, "isExpected": run.status == .expectedError]
            if let line = error.line {
                info["location"] = SourceLocation(file: notebook.file, line: line, column: error.column).description
                info["line"] = line
            }
            info["callers"] = error.callers.map { caller -> [String: Any] in
                ["location": caller.location?.description ?? "", "line": caller.location?.line ?? 0,
                 "sourceLine": caller.sourceLine ?? ""]
            }
            info["hasCallers"] = !error.callers.isEmpty
            if let quoted = error.sourceLine { info["sourceLine"] = quoted }
            info["details"] = error.diagnostics.map(\.formatted).joined(separator: "\n")
            entry["error"] = info
        }
        if cell.options.tensors, !run.tensors.isEmpty {
            entry["hasTensors"] = true
            entry["tensors"] = run.tensors.map { tensor -> [String: Any] in
                var values: [String: Any] = [
                    "name": tensor.name,
                    "shape": "(" + tensor.shape.map(String.init).joined(separator: ", ")
                        + (tensor.shape.count == 1 ? ",)" : ")"),
                    "text": tensor.text,
                    "inline": tensor.text.replacingOccurrences(of: "\n", with: " "),
                ]
                if format == .html, let matrix = TensorMatrix.tex(text: tensor.text, shape: tensor.shape) {
                    values["matrix"] = matrix
                }
                return values
            }
        }
        return entry
    }
}
