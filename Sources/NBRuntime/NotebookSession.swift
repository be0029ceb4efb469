#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The bridge between a program that nbrun generated from a notebook and the
/// nbrun runner that reads its results.
///
/// Generated code calls ``begin(cell:timeout:)`` and ``end(cell:_:)`` around each cell,
/// passing `end` the cell's top-level bindings. The runner learns where each
/// cell's output starts from a marker line written to stdout and stderr, and which
/// cells finished, with the tensors they changed, from an events file.
///
/// Outside nbrun (no `NBRUN_EVENTS` in the environment) the session does nothing
/// visible, so a generated program also runs on its own.
public final class NotebookSession: @unchecked Sendable {
    // @unchecked: a notebook program is single-threaded and owns its session.
    private let state: NetworkState
    private let marker: String?
    private let events: UnsafeMutablePointer<FILE>?

    public init(state: NetworkState, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.state = state
        self.marker = environment["NBRUN_MARK"]
        self.events = environment["NBRUN_EVENTS"].flatMap { fopen($0, "w") }
        // Unbuffered stdout, so that a cell that traps keeps everything it printed.
        // (This module builds in Swift 5 mode because Swift 6 rejects C's `stdout` global.)
        setvbuf(stdout, nil, _IONBF, 0)
    }

    /// Marks the start of cell `index`; a `timeout` (seconds) ends the program with
    /// SIGALRM if the cell runs longer.
    public func begin(cell index: Int, timeout: Double? = nil) {
        state.currentCell = index
        alarm(timeout.map { UInt32(min($0.rounded(.up), Double(UInt32.max))) } ?? 0)
        if let marker {
            let line = "\(marker) \(index)\n"
            fputs(line, stdout)
            fputs(line, stderr)
        }
        writeEvent("{\"event\":\"begin\",\"cell\":\(index)}")
    }

    /// Marks the end of cell `index`, records the cell's top-level `Tensor` and `Double`
    /// bindings under their own names (others are ignored), and reports the tensors the
    /// cell added or changed; then begins cell `next`, if given, with its `timeout`.
    public func end(cell index: Int, next: Int? = nil, timeout: Double? = nil, _ bindings: (String, Any)...) {
        defer { if let next { begin(cell: next, timeout: timeout) } }
        alarm(0)
        for (name, value) in bindings {
            if let tensor = value as? Tensor {
                state.record(name, tensor)
            } else if let number = value as? Double {
                state.record(name, Tensor(number))
            }
        }
        let tensors = state.changes(in: index).map { Self.json(name: $0.name, tensor: $0.value) }
        writeEvent("{\"event\":\"end\",\"cell\":\(index),\"tensors\":[\(tensors.joined(separator: ","))]}")
    }

    /// Marks the normal end of the program.
    public func finish() {
        writeEvent("{\"event\":\"finish\"}")
        if let events { fclose(events) }
    }

    // MARK: - Events

    private func writeEvent(_ json: String) {
        guard let events else { return }
        fputs(json + "\n", events)
        fflush(events)
    }

    private static func json(name: String, tensor: Tensor) -> String {
        let shape = tensor.shape.map(String.init).joined(separator: ",")
        let values = tensor.scalars.map { $0.isFinite ? "\($0)" : "\"\($0)\"" }.joined(separator: ",")
        return "{\"name\":\(jsonString(name)),\"shape\":[\(shape)],\"values\":[\(values)],\"text\":\(jsonString(tensor.description))}"
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
