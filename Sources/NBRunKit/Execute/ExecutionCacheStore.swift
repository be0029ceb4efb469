import Foundation
@_spi(Runner) import NBRuntime

/// `render`'s execution cache: what cells marked `cache=true` printed and left, kept
/// between processes under `$XDG_CACHE_HOME/nbrun/executions`.
///
/// An entry is a folder named by the cell's full key (see ``ExecutionCacheRequest``):
/// `values.json`, which the program wrote when the cell ran, and `outputs.json`, the
/// cell's stdout, stderr, tensors and figures, which nbrun adds once the cell ran to its
/// end. The folder appears whole (written beside it, then renamed), so a crash, a timeout
/// or a cell that failed leaves no entry, and a program finds an entry only when both files
/// are there. Entries used least recently are evicted once the cache grows past ``limit``
/// bytes.
public struct ExecutionCacheStore: Sendable {
    public var folder: URL
    /// The most bytes the cache may hold before old entries are evicted.
    public var limit: Int

    public init(folder: URL, limit: Int = 512 << 20) {
        self.folder = folder
        self.limit = limit
    }

    var entries: CacheEntries { CacheEntries(directory: folder, staging: ".") }

    /// What a cached cell shows again when restored.
    struct Outputs: Codable {
        var stdout: String
        var stderr: String
        var stdoutCut: Bool
        var tensors: [TensorRecord]
        var figures: [Figure]
    }

    /// The environment that tells `program` about the cache, or nil when none of its cells
    /// is marked `cache=true`. `keys` are the compiler's prefix keys of its cells.
    func environment(for program: Program, plan: NotebookPlan, keys: [Int: String], scratch: URL) throws
        -> [String: String]?
    {
        let cached = program.cellIndices.filter {
            plan[$0]?.cache != nil && !program.topLevelCells.contains($0)
        }
        guard !cached.isEmpty else { return nil }
        let stage = scratch.appendingPathComponent("execution-stage", isDirectory: true)
        try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let request = ExecutionCacheRequest(
            folder: folder.path, stage: stage.path,
            keys: Dictionary(uniqueKeysWithValues: cached.compactMap { index in keys[index].map { (index, $0) } }))
        let file = scratch.appendingPathComponent("execution-cache.json")
        try RunnerProtocol.encoder().encode(request).write(to: file, options: .atomic)
        return [RunnerProtocol.executionCacheVariable: file.path]
    }

    /// Settles a run's cache events: a restored cell takes its saved outputs, marked
    /// `cache`; a cell that ran to its end has its entry committed; a cell that can't be
    /// cached gets a warning at its first line.
    func settle(_ run: inout Executor.ProgramRun, scratch: URL, notebook: Notebook) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let stage = scratch.appendingPathComponent("execution-stage", isDirectory: true)
        for (index, event) in run.cacheEvents.sorted(by: { $0.key < $1.key }) {
            guard var cellRun = run.cells[index], cellRun.outcome == .ran else { continue }
            switch event {
            case .cacheRestored(_, let key):
                guard let outputs = load(key) else {
                    // The program skipped the cell, and its outputs are gone: never show it as having
                    // printed nothing. The broken entry goes, so the next run runs the cell.
                    try? FileManager.default.removeItem(at: folder.appendingPathComponent(key))
                    let line = notebook.cells.first { $0.index == index }?.line
                    cellRun.outcome = .failed(
                        CellError(
                            message: "the execution cache's entry for this cell could not be read; "
                                + "it is removed, so render again to run the cell",
                            line: line, sourceLine: line.map(notebook.line)))
                    run.cells[index] = cellRun
                    continue
                }
                cellRun.stdout = outputs.stdout
                cellRun.stderr = outputs.stderr
                cellRun.stdoutCut = outputs.stdoutCut
                cellRun.tensors = outputs.tensors.map(TensorSnapshot.init(record:))
                cellRun.figures = outputs.figures
                cellRun.reuse = .cache
                run.cells[index] = cellRun
                CacheEntries.markUsed(folder.appendingPathComponent(key))
            case .cacheStaged(_, let key):
                let outputs = Outputs(
                    stdout: cellRun.stdout, stderr: cellRun.stderr, stdoutCut: cellRun.stdoutCut,
                    tensors: cellRun.tensors.map(\.record), figures: cellRun.figures)
                commit(key, values: stage.appendingPathComponent(key + ".json"), outputs: outputs)
            case .cacheRefused(_, let reason):
                guard let cell = notebook.cells.first(where: { $0.index == index }) else { continue }
                // At the fence's `cache=true` (column 1 when the front matter's `cache:` set it).
                let fence = notebook.line(cell.line)
                let column = fence.range(of: "cache=").map {
                    fence.distance(from: fence.startIndex, to: $0.lowerBound) + 1
                }
                let location = SourceLocation(file: notebook.file, line: cell.line, column: column ?? 1)
                warnings.append(
                    Diagnostic(
                        .warning, "cache=true can't apply: \(reason); the cell runs every time", at: location,
                        sourceLine: notebook.line(location.line)))
            default:
                continue
            }
        }
        return warnings
    }

    private func load(_ key: String) -> Outputs? {
        let file = folder.appendingPathComponent(key).appendingPathComponent(ExecutionCacheRequest.outputsFile)
        return FileManager.default.contents(atPath: file.path).flatMap {
            try? RunnerProtocol.decoder().decode(Outputs.self, from: $0)
        }
    }

    /// Moves an entry into the cache whole (both files in a folder beside it, then one
    /// rename), then evicts what the cache holds past ``limit``.
    func commit(_ key: String, values: URL, outputs: Outputs) {
        defer { entries.evict(toFit: limit) }
        let manager = FileManager.default
        let entry = folder.appendingPathComponent(key, isDirectory: true)
        guard !manager.fileExists(atPath: entry.path), let data = try? RunnerProtocol.encoder().encode(outputs)
        else { return }
        let temporary = folder.appendingPathComponent(".\(key)-\(UUID().uuidString)", isDirectory: true)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            try manager.moveItem(
                at: values, to: temporary.appendingPathComponent(ExecutionCacheRequest.valuesFile))
            try data.write(to: temporary.appendingPathComponent(ExecutionCacheRequest.outputsFile))
            try manager.moveItem(at: temporary, to: entry)
        } catch {
            // Another nbrun committed the same entry meanwhile, or the disk is full: no entry, no harm.
            try? manager.removeItem(at: temporary)
        }
    }
}
