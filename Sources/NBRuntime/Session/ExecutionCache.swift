import Foundation

// MARK: - The execution cache, program side

/// What the program does for cells marked `cache=true` (see ``ExecutionCacheRequest``).
///
/// A cell's full key is nbrun's part (the code up to the cell) and what the cell starts
/// from: the values of the earlier cells' variables it uses, `net`'s entries, the random
/// stream and the print options. A cell found under its key skips its statements; its
/// declarations' initialisers return the saved values (``NotebookSession/restore(_:_:)``)
/// and the state it left is put back. A cell that ran leaves its values in the stage
/// folder unless it can't be cached: a value or an input nbrun can't save, or an input
/// the cell changed (through a method, say), which a restored cell wouldn't change.
final class ExecutionCache {
    let request: ExecutionCacheRequest?
    /// The entry of the cell being restored.
    var restoring: SavedCell?
    /// The cell that runs under a key, and its inputs' digests when it began.
    private var running: (cell: Int, key: String, inputs: [String: UInt64], entropyUses: Int)?
    private var refusal: String?

    init(environment: [String: String]) {
        request = environment[RunnerProtocol.executionCacheVariable].flatMap { path in
            FileManager.default.contents(atPath: path).flatMap {
                try? RunnerProtocol.decoder().decode(ExecutionCacheRequest.self, from: $0)
            }
        }
    }

    /// True when the cache holds the cell's entry: then it is being restored.
    func lookup(cell: Int, inputs: [(String, Any)], state: NetworkState) -> (restored: Bool, event: RunnerEvent?) {
        restoring = nil
        running = nil
        refusal = nil
        guard let request, let staticKey = request.keys[cell] else { return (false, nil) }
        var digests: [String: UInt64] = [:]
        var hasher = Self.Hasher()
        hasher.combine(Array(staticKey.utf8))
        for (name, value) in inputs {
            guard let saved = SavedValue.saving(value) else {
                return (false, refuse(cell, "it uses '\(name)', a \(type(of: value)), which nbrun can't save"))
            }
            let digest = Self.digest(saved)
            digests[name] = digest
            hasher.combine(Array(name.utf8))
            hasher.combine(digest)
        }
        guard let starting = SavedCell(key: "", state: state) else {
            return (false, refuse(cell, "'net' holds a tensor that nbrun can't save"))
        }
        hasher.combine(Self.digest(starting))
        let key = String(format: "%016llx", hasher.value)
        let entry = URL(fileURLWithPath: request.folder).appendingPathComponent(key)
        if FileManager.default.fileExists(
            atPath: entry.appendingPathComponent(ExecutionCacheRequest.outputsFile).path),
            let data = FileManager.default.contents(
                atPath: entry.appendingPathComponent(ExecutionCacheRequest.valuesFile).path),
            let saved = try? RunnerProtocol.decoder().decode(SavedCell.self, from: data), saved.key == key
        {
            restoring = saved
            return (true, .cacheRestored(cell: cell, key: key))
        }
        running = (cell, key, digests, np.random.shared.entropyUses)
        return (false, nil)
    }

    /// After a cell's code: puts back what a restored cell left, or stages what a cell that
    /// ran left (unless it can't be cached); the event to send, if any.
    func finish(cell: Int, inputs: [(String, Any)], values: [(String, Any)], state: NetworkState) -> RunnerEvent? {
        defer {
            restoring = nil
            running = nil
        }
        if let saved = restoring {
            saved.apply(to: state)
            return nil
        }
        guard let request, let running, running.cell == cell, refusal == nil else { return nil }
        for (name, value) in inputs {
            guard let saved = SavedValue.saving(value), Self.digest(saved) == running.inputs[name] else {
                return refuse(cell, "it changes '\(name)', which an earlier cell declares")
            }
        }
        guard var saved = SavedCell(key: running.key, state: state) else {
            return refuse(cell, "'net' holds a tensor that nbrun can't save")
        }
        // A cell that drew from an unseeded stream printed numbers no run gives again.
        if np.random.shared.entropyUses != running.entropyUses {
            return refuse(cell, "it draws from np.random, which no np.random.seed(...) seeded")
        }
        for (name, value) in values {
            guard let kept = SavedValue.saving(value) else {
                return refuse(cell, "'\(name)' holds a \(type(of: value)), which nbrun can't save")
            }
            saved.values[name] = kept
        }
        guard let data = try? RunnerProtocol.encoder().encode(saved) else { return nil }
        let file = URL(fileURLWithPath: request.stage).appendingPathComponent(running.key + ".json")
        guard (try? data.write(to: file, options: .atomic)) != nil else { return nil }
        return .cacheStaged(cell: cell, key: running.key)
    }

    private func refuse(_ cell: Int, _ reason: String) -> RunnerEvent {
        refusal = reason
        return .cacheRefused(cell: cell, reason: reason)
    }

    private static func digest<Value: Encodable>(_ value: Value) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(Array((try? RunnerProtocol.encoder().encode(value)) ?? Data()))
        return hasher.value
    }

    /// 64-bit FNV-1a: the same digest in every process (Swift's `Hasher` is seeded per process).
    struct Hasher {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func combine(_ bytes: [UInt8]) {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x100_0000_01b3
            }
            // The length, so that ("ab", "c") and ("a", "bc") differ.
            combine(UInt64(bytes.count))
        }

        mutating func combine(_ number: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                value ^= (number >> UInt64(shift)) & 0xff
                value = value &* 0x100_0000_01b3
            }
        }
    }
}

/// One entry of the execution cache: a cell's values and the state it left.
struct SavedCell: Codable {
    var key: String
    var values: [String: SavedValue] = [:]
    /// The random stream; nil when it is as system entropy seeded it, unused: a notebook
    /// that never seeds or draws then has the same key in every process (the entropy
    /// differs), and a restore leaves the process's own unused stream as it is.
    var random: RandomState.State?
    var net: [Entry]
    var printOptions: PrintOptions

    struct Entry: Codable {
        var name: String
        var value: SavedValue
        var cell: Int
    }

    /// The state as it stands now (`net`, the random stream, the print options), with no
    /// values; nil when `net` holds a tensor that can't be saved.
    init?(key: String, state: NetworkState) {
        self.key = key
        random = np.random.shared.isUnusedEntropy ? nil : np.random.shared.state.withLock { $0 }
        var net: [Entry] = []
        for entry in state.savedEntries {
            guard let value = entry.value.savedValue else { return nil }
            net.append(Entry(name: entry.name, value: value, cell: entry.cell))
        }
        self.net = net
        printOptions = PrintOptions.current
    }

    /// Puts back the state the cell left.
    func apply(to state: NetworkState) {
        if let random { np.random.shared.restore(random) }
        state.restore(
            net.compactMap { entry in
                Tensor(savedValue: entry.value).map {
                    NetworkState.SavedEntry(name: entry.name, value: $0, cell: entry.cell)
                }
            })
        PrintOptions.current = printOptions
    }
}
