import Foundation
@_spi(Runner) import NBRuntime
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The checkpoints that runs of a notebook's programs left behind (`nbrun preview`), and
/// which of them a new version of the notebook can go on from.
///
/// A run gets a folder of its own (``prepare(_:)``); its program keeps checkpoints there
/// (see `Checkpoints` in NBRuntime); after the run, ``collect(_:)`` records each with the
/// *prefix key* of its cell: a digest of everything generated for the cells up to it, of
/// the compiler flags and of the runtime. A checkpoint after cell c serves any program
/// whose prefix key at c is the same, since those cells are then the same code.
///
/// Each checkpoint is a stopped copy of a program, so the pool keeps at most ``limit``
/// of them, the newest; it kills the others, and all of them when it is closed (they
/// also end by themselves when this process ends).
public final class CheckpointPool: Sendable {
    /// Where the runs' folders go.
    public let folder: URL
    /// How many checkpoints are kept.
    public let limit: Int
    /// Seconds of running between two checkpoints of a run.
    public let spacing: Double

    private let state = Mutex(State())

    private struct State {
        var runs = 0
        var checkpoints: [Checkpoint] = []
    }

    /// A checkpoint: a process waiting on a socket, holding the state after `cell`.
    public struct Checkpoint: Sendable, Equatable {
        public var cell: Int
        public var pid: Int32
        public var socket: URL
        var key: String
        var run: Int
        /// The prefix keys of every cell of the program it is a copy of.
        var runKeys: [Int: String]

        /// The program the checkpoint is a copy of, which a client of it runs.
        public var executable: URL { URL(fileURLWithPath: "/proc/\(pid)/exe") }
    }

    /// A run whose checkpoints the pool will collect.
    public struct Run: Sendable {
        var number: Int
        var folder: URL
        var keys: [Int: String]
        var spacing: Double

        /// What the program's environment needs for it to keep checkpoints.
        public var environment: [String: String] {
            [
                RunnerProtocol.checkpointsVariable: folder.path,
                RunnerProtocol.checkpointOwnerVariable: String(getpid()),
                RunnerProtocol.checkpointSpacingVariable: String(spacing)
            ]
        }
    }

    /// `spacing`: seconds of running between two checkpoints of a run (the runtime's
    /// `RunnerProtocol.defaultCheckpointSpacing`, 0.1 s, by default).
    public init(folder: URL, limit: Int = 16, spacing: Double = 0.1) throws {
        self.folder = folder
        self.limit = limit
        self.spacing = spacing
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { close() }

    /// A folder for one run of a program whose prefix keys are `keys`.
    func prepare(_ keys: [Int: String]) throws -> Run {
        let number = state.withLock { state in
            state.runs += 1
            return state.runs
        }
        let runFolder = folder.appendingPathComponent("run-\(number)")
        try FileManager.default.createDirectory(at: runFolder, withIntermediateDirectories: true)
        return Run(number: number, folder: runFolder, keys: keys, spacing: spacing)
    }

    /// Records the checkpoints a run left, replacing older ones of the same cell and code,
    /// and kills the oldest beyond the limit.
    func collect(_ run: Run) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: run.folder.path)) ?? []
        let found = names.compactMap { name -> Checkpoint? in
            guard let (cell, pid) = RunnerProtocol.checkpoint(socket: name), let key = run.keys[cell] else {
                return nil
            }
            return Checkpoint(
                cell: cell, pid: pid, socket: run.folder.appendingPathComponent(name), key: key, run: run.number,
                runKeys: run.keys)
        }
        let doomed = state.withLock { state -> [Checkpoint] in
            var doomed = state.checkpoints.filter { old in found.contains { $0.cell == old.cell && $0.key == old.key } }
            state.checkpoints.removeAll { doomed.contains($0) }
            state.checkpoints += found
            state.checkpoints.sort { ($0.run, $0.cell) < ($1.run, $1.cell) }
            if state.checkpoints.count > limit {
                doomed += state.checkpoints.prefix(state.checkpoints.count - limit)
                state.checkpoints.removeFirst(state.checkpoints.count - limit)
            }
            return doomed
        }
        for checkpoint in doomed { end(checkpoint) }
    }

    /// The checkpoints whose cell's prefix key `keys` shares, and whose process still runs:
    /// the latest cell first, and of one cell the newest.
    func candidates(for keys: [Int: String]) -> [Checkpoint] {
        let matching = state.withLock { state in
            state.checkpoints.filter { keys[$0.cell] == $0.key }.sorted { ($0.cell, $0.run) > ($1.cell, $1.run) }
        }
        return matching.filter { Self.isCheckpoint($0.pid, in: $0.socket.deletingLastPathComponent()) }
    }

    /// Every checkpoint kept, oldest first.
    public var checkpoints: [Checkpoint] { state.withLock { $0.checkpoints } }

    /// Ends every checkpoint and removes the folder.
    public func close() {
        let all = state.withLock { state in
            defer { state.checkpoints = [] }
            return state.checkpoints
        }
        for checkpoint in all { end(checkpoint) }
        // A run that was stopped may have left checkpoints it never reported.
        if let runs = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for run in runs {
                let runFolder = folder.appendingPathComponent(run)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: runFolder.path)) ?? [] {
                    if let (_, pid) = RunnerProtocol.checkpoint(socket: name), Self.isCheckpoint(pid, in: runFolder) {
                        kill(pid, SIGKILL)
                    }
                }
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func end(_ checkpoint: Checkpoint) {
        if Self.isCheckpoint(checkpoint.pid, in: checkpoint.socket.deletingLastPathComponent()) {
            kill(checkpoint.pid, SIGKILL)
        }
        try? FileManager.default.removeItem(at: checkpoint.socket)
    }

    /// Whether process `pid` is still a checkpoint of the run in `runFolder` (and not some
    /// other process that took its number since): its environment names that folder.
    static func isCheckpoint(_ pid: Int32, in runFolder: URL) -> Bool {
        guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
        let entry = Data("\(RunnerProtocol.checkpointsVariable)=\(runFolder.path)\u{0}".utf8)
        return environment.range(of: entry) != nil
    }
}
