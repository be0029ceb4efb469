import Foundation
@_spi(Runner) import NBRuntime

/// The last steps of a run, done once on a made-up notebook and thrown away: the program's
/// events read, its outputs checked, its report rendered.
///
/// The first time a Swift program on Linux asks whether a type conforms to a protocol, the
/// runtime scans every conformance record of every loaded library (about 13,700 in nbrun),
/// and it builds generic metadata on first use. Those first times were a quarter of
/// nbrun's own time in a cold run, and most of them fell after the program ended, where
/// nothing can overlap them. `nbrun render` rehearses on its second thread while swiftc
/// compiles (``RenderJob``), so the real run finds them done. Nothing here touches a file
/// or starts a process: the notebook has no math for node to typeset, and its tensor has
/// three axes, so it shows no matrix either.
enum Rehearsal {
    static let file = "rehearsal.md"

    static let text = """
        # Rehearsal

        A paragraph with *emphasis*, **strong** text, `code` and a [link](#rehearsal).

        - a list item

        ```swift-cell
        print(w)
        ```

        ```output
        [[[1. 2.]]]
        ```

        | a | b |
        |---|---|
        | 1 | 2 |

        """

    /// Rehearses a run of ``text`` and its report in `format`, with `preparation`'s parts;
    /// the report's text, which only tests read (nil if a step failed).
    @discardableResult
    static func run(format: ReportFormat, preparation: ReportPreparation?) -> String? {
        guard let notebook = try? Notebook(parsing: text, file: file), let cell = notebook.cells.first else {
            return nil
        }
        let marker = "\u{1}nbrun-rehearsal"
        let printed = RunnerProtocol.markerLine(marker, cell: cell.index) + "[[[1. 2.]]]\n"
        var stdout = CellStream(marker: marker, headLimit: 1 << 20)
        var stderr = CellStream(marker: marker, headLimit: 1 << 20)
        Array(printed.utf8).withUnsafeBytes { stdout.append($0) }
        stdout.finish()
        stderr.finish()
        let trace = ExecutionTrace(stdout: stdout, stderr: stderr, events: events(cell: cell.index))
        var result = CellResult(
            cell: cell, status: trace.ended.contains(cell.index) ? .ok : .error,
            stdout: trace.stdout[cell.index]?.whole ?? "", tensors: trace.tensors[cell.index] ?? [])
        result.figures = trace.figures[cell.index] ?? []
        let checked = CheckedRun(RunResult(notebook: notebook, cells: [result], diagnostics: []))
        guard let preparation, format == .html || format == .pdf else {
            return try? Report(checked: checked, date: Date(timeIntervalSince1970: 0), node: nil).render(to: format)
        }
        if preparation.node != nil { KaTeXTypesetter.rehearse(katexDirectory: preparation.katexDirectory) }
        var report = Report(
            checked: checked, date: Date(timeIntervalSince1970: 0), template: preparation.template,
            katexDirectory: preparation.katexDirectory, node: preparation.node)
        report.cache = preparation.cache
        report.preparation = preparation
        return try? report.render(to: format)
    }

    /// The events file a program running ``text`` would write: each line as the runtime
    /// encodes it.
    static func events(cell: Int) -> String {
        let tensor = TensorRecord(name: "w", shape: [1, 1, 2], values: [1, 2], text: "[[[1. 2.]]]")
        let line = Figure.Series(kind: .line, label: "w", x: [0, 1], y: [1, 2])
        let figure = Figure(panels: [Figure.Panel(title: "w", xlabel: "i", ylabel: "w", legend: true, series: [line])])
        let events: [RunnerEvent] = [
            .begin(cell: cell), .tensor(cell: cell, tensor), .figure(cell: cell, figure), .end(cell: cell), .finish
        ]
        let encoder = RunnerProtocol.encoder()
        return events.compactMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: "\n")
    }
}
