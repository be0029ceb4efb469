import Foundation

/// `nbrun inspect notebook.md:LINE`: runs the notebook with that line instrumented
/// (``InspectionPoint``) and shows every variable in scope there, the first few times
/// execution reaches it, tensors as numpy prints them. No debugger is involved.
public struct InspectJob: Sendable {
    public var workbench: Workbench
    /// How many times to show the values (the first `hits` times the line is reached).
    public var hits: Int

    public init(workbench: Workbench, hits: Int = 3) {
        self.workbench = workbench
        self.hits = hits
    }

    /// `place` is `notebook.md:LINE`.
    public func run(_ file: String, line: Int) -> JobOutcome {
        var transcript = Transcript()
        let notebook: Notebook
        switch workbench.load(file, transcript: &transcript) {
        case .success(let loaded): notebook = loaded
        case .failure(let problem): return JobOutcome(transcripts: [transcript], status: problem.status)
        }
        var leftOut: Set<Int> = []
        // Recording an earlier cell's value makes this cell use it; when that cell doesn't
        // compile, leave its values out and run again, rather than not reach the line at all.
        while true {
            let point: InspectionPoint
            do {
                point = try InspectionPoint(notebook, line: line, hits: hits, leavingOut: leftOut)
            } catch {
                transcript.diagnostic(
                    Diagnostic(
                        .error, error.localizedDescription, at: SourceLocation(file: file, line: line),
                        sourceLine: notebook.line(line)))
                return JobOutcome(transcripts: [transcript], status: .badInput)
            }
            let result: RunResult
            do { result = try workbench.runner.run(point.notebook) } catch {
                transcript.error("\(file): \(error.localizedDescription)")
                return JobOutcome(transcripts: [transcript], status: .badInput)
            }
            let broken = Set(
                result.cells.filter { $0.status == .error && $0.error?.diagnostics.isEmpty == false }
                    .map(\.cell.index))
            guard let cell = result.cells.first(where: { $0.cell.index == point.cell }) else { break }
            if cell.status == .notRun, !broken.subtracting(leftOut).isEmpty {
                leftOut.formUnion(broken)
                continue
            }
            return finish(cell, result: result, file: file, line: line, transcript: &transcript)
        }
        return JobOutcome(transcripts: [transcript], status: .cellFailed)
    }

    private func finish(
        _ cell: CellResult, result: RunResult, file: String, line: Int, transcript: inout Transcript
    ) -> JobOutcome {
        for inspection in cell.inspections {
            transcript.result(Self.text(of: inspection, file: file))
        }
        if !cell.inspections.isEmpty { return JobOutcome(transcripts: [transcript], status: .success) }
        let why: String
        switch cell.status {
        case .error:
            for diagnostic in cell.error?.diagnostics ?? [] { transcript.diagnostic(diagnostic) }
            if cell.error?.diagnostics.isEmpty != false, let error = cell.error {
                transcript.diagnostic(
                    Diagnostic(
                        .error, error.message,
                        at: error.line.map { SourceLocation(file: file, line: $0, column: error.column) },
                        sourceLine: error.sourceLine))
            }
            why = "cell \(cell.cell.index) failed before execution reached it"
        case .notRun:
            why = "cell \(cell.cell.index) did not run" + (cell.reason.map { ": \($0)" } ?? "")
        default:
            why = "execution never reached it"
        }
        transcript.diagnostic(
            Diagnostic(
                .error, "nothing to show: " + why, at: SourceLocation(file: file, line: line),
                sourceLine: result.notebook.line(line)))
        return JobOutcome(transcripts: [transcript], status: .cellFailed)
    }

    /// `notebook.md:42, hit 1:` and a `name = value` line for each value, a value of
    /// several lines indented under its first.
    static func text(of inspection: Inspection, file: String) -> String {
        var text = "\(file):\(inspection.line), hit \(inspection.hit):\n"
        if inspection.values.isEmpty { text += "  (no variables in scope)\n" }
        for (name, value) in inspection.values {
            let indent = String(repeating: " ", count: name.count + 5)
            text += "  \(name) = " + value.replacingOccurrences(of: "\n", with: "\n" + indent) + "\n"
        }
        return text
    }
}
