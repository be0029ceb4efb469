import Foundation
import NBRuntime

/// The JSON report, in the stable schema that tools and tests rely on.
struct JSONReport: Encodable {
    var notebook: String
    var ok: Bool
    var cells: [Cell]

    struct Cell: Encodable {
        var index: Int
        var id: String?
        var line: Int
        var status: CellResult.Status
        var source: String
        var stdout: String
        var stderr: String
        var error: ErrorInfo?
        var reason: String?
        var rerunDiffers: Bool
        var check: CheckInfo?
        var tensors: [Tensor]
        var figures: [FigureInfo]

        enum CodingKeys: String, CodingKey {
            case index, id, line, status, source, stdout, stderr, error, reason, rerunDiffers, check, tensors, figures
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(id, forKey: .id)  // null, not absent
            try container.encode(line, forKey: .line)
            try container.encode(status, forKey: .status)
            try container.encode(source, forKey: .source)
            try container.encode(stdout, forKey: .stdout)
            try container.encode(stderr, forKey: .stderr)
            try container.encode(error, forKey: .error)
            try container.encode(reason, forKey: .reason)  // null unless not-run
            try container.encode(rerunDiffers, forKey: .rerunDiffers)
            try container.encode(check, forKey: .check)  // null when the cell documents no output
            try container.encode(tensors, forKey: .tensors)
            try container.encode(figures, forKey: .figures)
        }
    }

    struct ErrorInfo: Encodable {
        var message: String
        var line: Int?
        var column: Int?
        /// For a trap: the notebook lines that called the trapping one, innermost first.
        var traceback: [Int]

        enum CodingKeys: String, CodingKey { case message, line, column, traceback }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(traceback, forKey: .traceback)
        }
    }

    /// How the cell's documented output compared with what it printed.
    struct CheckInfo: Encodable {
        /// The line of the `output` block.
        var line: Int
        /// `passed`, `failed`, `ignored` (match=ignore), or `not-run`/`errored` when there was nothing to compare.
        var verdict: String
        var reason: String?

        enum CodingKeys: String, CodingKey { case line, verdict, reason }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(line, forKey: .line)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(reason, forKey: .reason)
        }
    }

    /// A figure as data: its (first) panel's labels and series, and any further panels the same way.
    struct FigureInfo: Encodable {
        var title: String?
        var xlabel: String?
        var ylabel: String?
        var series: [SeriesInfo]
        var panels: [FigureInfo]?

        init(_ figure: Figure) {
            self.init(figure.panels.first ?? Figure.Panel(), title: figure.title)
            panels = figure.panels.count > 1 ? figure.panels.dropFirst().map { FigureInfo($0, title: nil) } : nil
        }

        init(_ panel: Figure.Panel, title: String?) {
            self.title = title ?? panel.title
            xlabel = panel.xlabel
            ylabel = panel.ylabel
            series = panel.series.map(SeriesInfo.init)
        }

        enum CodingKeys: String, CodingKey { case title, xlabel, ylabel, series, panels }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(title, forKey: .title)
            try container.encode(xlabel, forKey: .xlabel)
            try container.encode(ylabel, forKey: .ylabel)
            try container.encode(series, forKey: .series)
            try container.encodeIfPresent(panels, forKey: .panels)
        }
    }

    struct SeriesInfo: Encodable {
        var kind: String
        var label: String?
        var x: [Double]
        var y: [Double]
        var values: [[Double]]?
        /// The number of points before a long series was thinned for display.
        var thinnedFrom: Int?
        /// What matplotlib's keyword arguments set: per-point colours and sizes, levels, text …
        var style: Figure.Series.Style?

        init(_ series: Figure.Series) {
            kind = series.kind.rawValue
            label = series.label
            x = series.x
            y = series.y
            values = series.values
            thinnedFrom = series.thinnedFrom
            style = series.style.isEmpty ? nil : series.style
        }

        enum CodingKeys: String, CodingKey { case kind, label, x, y, values, thinnedFrom, style }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(label, forKey: .label)
            try container.encode(x, forKey: .x)
            try container.encode(y, forKey: .y)
            try container.encodeIfPresent(values, forKey: .values)
            try container.encodeIfPresent(thinnedFrom, forKey: .thinnedFrom)
            try container.encodeIfPresent(style, forKey: .style)
        }
    }

    struct Tensor: Encodable {
        var name: String
        var shape: [Int]
        var dtype: String
        /// Every value, whatever the HTML report summarises.
        var values: [Double]
    }

    init(checked: CheckedRun) {
        let result = checked.run
        notebook = result.notebook.file
        var verdicts: [Int: Verdict] = [:]
        for verdict in checked.verdicts { verdicts[verdict.cell.index] = verdict }
        // Every cell ran as it should, and every documented output matched.
        ok = checked.ok
        cells = result.cells.map { cell in
            Cell(
                index: cell.cell.index, id: cell.cell.options.id, line: cell.cell.line,
                status: cell.status, source: cell.cell.source, stdout: cell.stdout, stderr: cell.stderr,
                error: cell.error.map {
                    ErrorInfo(
                        message: $0.message, line: $0.line, column: $0.column,
                        traceback: $0.callers.compactMap(\.location?.line))
                },
                reason: cell.reason, rerunDiffers: cell.rerunDiffers,
                check: verdicts[cell.cell.index].flatMap { verdict in
                    verdict.expected.map {
                        CheckInfo(line: $0.line, verdict: verdict.kind.rawValue, reason: verdict.mismatch?.reason)
                    }
                },
                tensors: cell.tensors.map {
                    Tensor(name: $0.name, shape: $0.shape, dtype: $0.dtype, values: $0.values)
                },
                figures: cell.cell.options.figures ? cell.figures.map(FigureInfo.init) : [])
        }
    }

    var text: String {
        let encoder = JSONEncoder()
        // Sorted keys: the same run gives the same bytes (Foundation's order is not stable).
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // JSON has no nan or inf; spell them as strings rather than fail.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
