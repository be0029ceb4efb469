import Foundation
@_spi(Runner) import NBRuntime

/// The raw evidence of one program run, cut per cell.
///
/// The program writes a marker line when a cell begins to stdout and stderr, and
/// ``RunnerEvent``s to the events file (see ``RunnerProtocol``). This type turns those
/// back into per-cell facts.
struct ExecutionTrace {
    var stdout: [Int: CellStream.Text] = [:]
    var stderr: [Int: CellStream.Text] = [:]
    var begun: [Int] = []
    var ended: Set<Int> = []
    /// Per cell, the tensors it bound or changed: in order of first report, each as last reported.
    var tensors: [Int: [TensorSnapshot]] = [:]
    /// Per cell, the figures it finished, in order.
    var figures: [Int: [Figure]] = [:]
    /// How the child process of each `expect=error` cell ended.
    var expectedErrors: [Int: RunnerEvent.ChildOutcome] = [:]
    /// Per cell, what `nbrun inspect` recorded at its instrumented line, in order.
    var inspections: [Int: [Inspection]] = [:]
    /// Per cell marked `cache=true`, what the execution cache did: restored, staged or refused.
    var cacheEvents: [Int: RunnerEvent] = [:]
    var finished = false

    /// `stdout` and `stderr` are already cut per cell (``CellStream``).
    init(stdout: CellStream, stderr: CellStream, events: String) {
        self.stdout = stdout.cells
        self.stderr = stderr.cells
        let decoder = RunnerProtocol.decoder()
        for line in events.split(separator: "\n") {
            guard let event = try? decoder.decode(RunnerEvent.self, from: Data(line.utf8)) else { continue }
            switch event {
            case .begin(let cell): begun.append(cell)
            case .tensor(let cell, let record): add(record, cell: cell)
            case .end(let cell): ended.insert(cell)
            case .figure(let cell, let figure): figures[cell, default: []].append(figure)
            case .expectedError(let cell, let outcome): expectedErrors[cell] = outcome
            case .inspect(let cell, let record): inspections[cell, default: []].append(Inspection(record))
            case .finish: finished = true
            case .cacheRestored(let cell, _), .cacheStaged(let cell, _), .cacheRefused(let cell, _):
                cacheEvents[cell] = event
            }
        }
    }

    private mutating func add(_ record: TensorRecord, cell: Int) {
        let snapshot = TensorSnapshot(record: record)
        if let index = tensors[cell]?.firstIndex(where: { $0.name == record.name }) {
            tensors[cell]![index] = snapshot
        } else {
            tensors[cell, default: []].append(snapshot)
        }
    }
}

extension TensorSnapshot {
    /// The tensor as the program reported it.
    init(record: TensorRecord) {
        self.init(
            name: record.name, shape: record.shape, values: record.values, text: record.text, dtype: record.dtype,
            options: record.options)
    }

    /// The tensor as the program reports it (what the execution cache keeps of a cell's tensors).
    var record: TensorRecord {
        TensorRecord(name: name, shape: shape, values: values, text: text, dtype: dtype, options: options)
    }
}
