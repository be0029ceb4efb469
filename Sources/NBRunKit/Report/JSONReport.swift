import Foundation

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

        enum CodingKeys: String, CodingKey {
            case index, id, line, status, source, stdout, stderr, error, reason, rerunDiffers, check, tensors
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

    struct Tensor: Encodable {
        var name: String
        var shape: [Int]
        var values: [Double]
    }

    init(result: RunResult, comparison: OutputOptions = OutputOptions()) {
        notebook = result.notebook.file
        let check = CheckResult(run: result, commandLine: comparison)
        var verdicts: [Int: Verdict] = [:]
        for verdict in check.verdicts { verdicts[verdict.cell.index] = verdict }
        // Every cell ran as it should, and every documented output matched.
        ok = result.ok && check.count(.failed) == 0
        cells = result.cells.map { cell in
            Cell(index: cell.cell.index, id: cell.cell.options.id, line: cell.cell.line,
                 status: cell.status, source: cell.cell.source, stdout: cell.stdout, stderr: cell.stderr,
                 error: cell.error.map {
                     ErrorInfo(message: $0.message, line: $0.line, column: $0.column,
                               traceback: $0.callers.compactMap(\.location?.line))
                 },
                 reason: cell.reason, rerunDiffers: cell.rerunDiffers,
                 check: verdicts[cell.cell.index].flatMap { verdict in
                     verdict.expected.map {
                         CheckInfo(line: $0.line, verdict: verdict.kind.rawValue, reason: verdict.mismatch?.reason)
                     }
                 },
                 tensors: cell.tensors.map { Tensor(name: $0.name, shape: $0.shape, values: $0.values) })
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
