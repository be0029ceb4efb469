import Foundation
import Synchronization

/// The runs of one notebook as it is edited (`nbrun preview`): each save gets the quickest
/// result that is honest about where it comes from, then a fresh run that confirms it.
///
/// - When the program didn't change (an edit of the prose, or of a cell that doesn't run),
///   ``quickRun(_:)`` gives the last run's results at once, marked as reused.
/// - When a cell's code changed, it goes on from the latest checkpoint before that cell
///   (see ``CheckpointPool``): only the cells from the changed one on are compiled, and
///   only the cells after the checkpoint run. Their results are marked as run from a
///   checkpoint, the earlier cells' as reused.
/// - ``freshRun(_:)`` runs everything from the start, as `nbrun render` does, keeping
///   checkpoints for the next edits.
///
/// A fresh run is what decides what the notebook gives; the others are shown marked until
/// one confirms them (see ``RunResult/cellsDiffering(from:)``).
public final class EditSession: Sendable {
    public let runner: NotebookRunner
    public let pool: CheckpointPool
    private let last = Mutex<Last?>(nil)

    /// The latest result, and what made it.
    private struct Last: @unchecked Sendable {
        // @unchecked: plain values, only read and replaced whole under the lock.
        var plan: NotebookPlan
        var program: Program
        var result: RunResult
    }

    public init(runner: NotebookRunner, pool: CheckpointPool) {
        self.runner = runner
        self.pool = pool
    }

    /// How a quick result came about.
    public enum Quick: Sendable, Equatable {
        /// The program is the same as the last run's: its results, unchanged.
        case sameProgram
        /// Cells after `cell` ran again on the state a checkpoint kept after it.
        case resumed(after: Int)
    }

    /// The quickest honest result for `notebook`, or nil when only a fresh run will do
    /// (the first run, or no usable checkpoint). `cellBegins` hears each cell that runs begin.
    public func quickRun(_ notebook: Notebook, cellBegins: (@Sendable (Int) -> Void)? = nil) throws -> (
        RunResult, Quick
    )? {
        guard let last = last.withLock({ $0 }) else { return nil }
        var runner = self.runner
        runner.executor.progress = cellBegins
        let plan = NotebookPlan(notebook, syntax: runner.syntax)
        let program = Program(plan, notebook: notebook)
        if program.files == last.program.files {
            let result = last.result.moved(to: notebook, marking: .earlierRun)
            remember(plan, program, result)
            return (result, .sameProgram)
        }
        guard let (checkpoint, first) = resumePoint(for: program, plan: plan, last: last),
            let result = try runner.resume(
                notebook, plan: plan, from: checkpoint, compiling: first, earlier: last.result)
        else { return nil }
        remember(plan, program, result)
        return (result, .resumed(after: checkpoint.cell))
    }

    /// A fresh run of `notebook` from the start, keeping checkpoints for later edits.
    /// `cellBegins` hears each cell begin; a run that `isCancelled` says was cancelled (its
    /// processes killed) isn't remembered.
    public func freshRun(
        _ notebook: Notebook, cellBegins: (@Sendable (Int) -> Void)? = nil, isCancelled: () -> Bool = { false }
    ) throws -> RunResult {
        var runner = self.runner
        runner.executor.progress = cellBegins
        let plan = NotebookPlan(notebook, syntax: runner.syntax)
        let result = try runner.run(notebook, plan: plan, keeping: pool)
        if !isCancelled() { remember(plan, Program(plan, notebook: notebook), result) }
        return result
    }

    private func remember(_ plan: NotebookPlan, _ program: Program, _ result: RunResult) {
        last.withLock { $0 = Last(plan: plan, program: program, result: result) }
    }

    /// The checkpoint to go on from, and the first cell to compile: the latest checkpoint
    /// whose cells up to it are this program's; then every cell from the first one that
    /// isn't the same as in the checkpoint's program, or that could mean something else now
    /// (its code uses a name that such a cell declares, in this version or the last). Nil
    /// when a changed cell extends types or declares operators, which can change any cell's
    /// code, or when no checkpoint will do.
    private func resumePoint(for program: Program, plan: NotebookPlan, last: Last)
        -> (CheckpointPool.Checkpoint, Int)?
    {
        let keys = runner.compiler.prefixKeys(for: program)
        let cells = program.cellIndices
        for checkpoint in pool.candidates(for: keys) {
            let changed =
                cells.first { $0 > checkpoint.cell && keys[$0] != checkpoint.runKeys[$0] }
                ?? ((cells.last ?? 0) + 1)
            // Every cell whose code may mean something else now: the changed ones, and,
            // until nothing more is found, each earlier cell that uses a name they declare
            // (a function called before its cell, which calls another that changed).
            var first = changed
            while first > checkpoint.cell {
                let later =
                    plan.cells.filter { $0.cell.index >= first } + last.plan.cells.filter { $0.cell.index >= first }
                guard !later.contains(where: \.shape.extendsModule) else { return nil }
                let declared = later.reduce(into: Set<String>()) { $0.formUnion($1.declaredNames) }
                guard
                    let user = plan.cells.first(where: {
                        $0.cell.index < first && !$0.usedNames.isDisjoint(with: declared)
                    })
                else { break }
                first = user.cell.index
            }
            if first > checkpoint.cell { return (checkpoint, first) }
        }
        return nil
    }
}
