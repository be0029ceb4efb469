import Foundation

/// The raw evidence of one program run, cut per cell.
///
/// The program writes a marker line (`NBRUN_MARK` plus the cell index) to stdout and
/// stderr when a cell begins, and JSON events (begin, end with tensors, finish) to
/// the events file. This type turns those back into per-cell facts.
struct ExecutionTrace {
    var stdout: [Int: String] = [:]
    var stderr: [Int: String] = [:]
    var begun: [Int] = []
    var ended: [Int: [TensorSnapshot]] = [:]
    var finished = false

    init(stdout: String, stderr: String, events: String, marker: String) {
        self.stdout = Self.split(stdout, marker: marker)
        self.stderr = Self.split(stderr, marker: marker)
        for line in events.split(separator: "\n") {
            guard let event = Event(line: line) else { continue }
            switch event.event {
            case "begin": if let cell = event.cell { begun.append(cell) }
            case "end": if let cell = event.cell { ended[cell] = (event.tensors ?? []).map(\.snapshot) }
            case "finish": finished = true
            default: break
            }
        }
    }

    /// Cuts a stream at each `marker k\n`; text before the first marker is dropped
    /// (the program prints nothing of its own there).
    private static func split(_ text: String, marker: String) -> [Int: String] {
        var result: [Int: String] = [:]
        let pieces = text.components(separatedBy: marker + " ")
        for piece in pieces.dropFirst() {
            guard let newline = piece.firstIndex(of: "\n"), let cell = Int(piece[..<newline]) else { continue }
            result[cell, default: ""] += String(piece[piece.index(after: newline)...])
        }
        return result
    }

    /// One line of the events file.
    struct Event: Decodable {
        var event: String
        var cell: Int?
        var tensors: [Tensor]?

        init?(line: some StringProtocol) {
            guard let event = try? JSONDecoder().decode(Event.self, from: Data(line.utf8)) else { return nil }
            self = event
        }
    }

    struct Tensor: Decodable {
        var name: String
        var shape: [Int]
        var values: [Number]
        var text: String
        var snapshot: TensorSnapshot {
            TensorSnapshot(name: name, shape: shape, values: values.map(\.value), text: text)
        }
    }

    /// A JSON number, or one of the strings "nan", "inf", "-inf".
    struct Number: Decodable {
        var value: Double
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { value = number; return }
            value = Double(try container.decode(String.self)) ?? .nan
        }
    }
}
