import Foundation
@_spi(Runner) import NBRuntime

extension NotebookRunner {
    /// Runs `notebook` on from a checkpoint that an earlier run of it kept after cell `c`
    /// (cells up to `c` generated alike): compiles the cells from `first` on into a patch
    /// that the checkpoint loads, and runs every cell after `c`. The results of the cells up
    /// to `c` are `earlier`'s, marked as reused; those after it are marked as run from a
    /// checkpoint. Nil when that can't be done (a cell before `first` doesn't compile, a
    /// cell to run must stay top-level code, a trap with keep-going): then run it all.
    func resume(
        _ notebook: Notebook, plan: NotebookPlan, from checkpoint: CheckpointPool.Checkpoint, compiling first: Int,
        earlier: RunResult
    ) throws -> RunResult? {
        let scratch = try ScratchFolders.make()
        defer { ScratchFolders.remove(scratch) }
        var state = RunState(plan: plan, notebook: notebook, scratch: scratch.path)
        struct Unavailable: Error {}
        let compile = { (program: Program) -> Build in
            guard program.topLevelCells.allSatisfy({ $0 <= checkpoint.cell }),
                compiler.prefixKeys(for: program)[checkpoint.cell] == checkpoint.key
            else { throw Unavailable() }
            return try compiler.compilePatch(
                program, compiling: first, running: program.cellIndices.filter { $0 > checkpoint.cell },
                in: scratch, notebook: notebook)
        }
        let check = { (plain: Program) -> Build in
            try compiler.compilePatch(
                plain, compiling: first, running: [], in: scratch, notebook: notebook, typecheckOnly: true)
        }
        let built: (Program, URL)?
        do { built = try build(&state, compile: compile, check: check) } catch is Unavailable { return nil }
        guard let (program, library) = built, state.failures.keys.allSatisfy({ $0 >= first }) else { return nil }
        let run = try executor.run(
            checkpoint.executable, locations: state.locations(for: program), scratch: scratch,
            environment: [
                RunnerProtocol.resumeVariable: checkpoint.socket.path, RunnerProtocol.patchVariable: library.path
            ])
        if run.stoppedAt != nil, !run.stoppedByLimit, keepGoing ?? notebook.keepGoing { return nil }
        state.record(run, program: program)
        for index in state.results.keys { state.results[index]?.reuse = .checkpoint }
        let reused = earlier.moved(to: notebook, marking: .earlierRun)
        for result in reused.cells where result.cell.index <= checkpoint.cell {
            state.results[result.cell.index] = result
        }
        // The warnings of the cells the patch didn't compile are the earlier run's.
        let earlierWarnings = reused.diagnostics.filter { diagnostic in
            diagnostic.severity == .warning
                && (diagnostic.location.flatMap { location in
                    notebook.cells.last { $0.line <= location.line }.map { $0.index < first }
                } ?? false)
        }
        state.warnings = earlierWarnings + state.warnings
        return state.result()
    }
}
