import Foundation
@_spi(Runner) import NBRuntime

/// Follows a running program's events file and reports each cell as it begins.
final class EventWatcher: @unchecked Sendable {
    // @unchecked: `offset` and `pending` are touched only on `queue`.
    private let timer: DispatchSourceTimer
    private let queue = DispatchQueue(label: "nbrun.events")
    private var offset: UInt64 = 0
    private var pending = Data()

    init(file: URL, onBegin: @escaping @Sendable (Int) -> Void) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: .milliseconds(100))
        let decoder = RunnerProtocol.decoder()
        timer.setEventHandler { [unowned self] in
            guard let handle = try? FileHandle(forReadingFrom: file) else { return }
            defer { try? handle.close() }
            try? handle.seek(toOffset: offset)
            let data = handle.readDataToEndOfFile()
            offset += UInt64(data.count)
            pending += data
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                if case .begin(let cell)? = try? decoder.decode(RunnerEvent.self, from: line) { onBegin(cell) }
            }
        }
        timer.resume()
    }

    func stop() {
        queue.sync { timer.cancel() }
    }
}
