import ArgumentParser
import Foundation
import NBRunKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and compare each documented output with what the cell prints.",
        discussion: "Exit codes: 0 every output matched, 1 an output differed or a cell failed, 2 bad input, 64 usage.")

    @Flag(help: "Count cells without a documented output as failures.")
    var strict = false

    @Option(help: "Write JUnit XML here.")
    var junit: String?

    @Option(help: "Run each notebook N times and fail cells whose output changes between runs.")
    var `repeat` = 1

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: RunOptions

    @Argument(help: "The notebooks to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one notebook") }
        if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let session = try Session(options: options)
        let checker = NotebookChecker(session: session, strict: strict, repeat: `repeat`,
                                      commandLine: comparison.outputOptions)
        let outcomes = parallelMap(batch.select(files), jobs: batch.jobs, checker.check)
        var totals = (passed: 0, failed: 0, unchecked: 0)
        for outcome in outcomes {
            outcome.transcript.flush()
            if let check = outcome.check {
                totals.passed += check.count(.passed)
                totals.failed += check.count(.failed) + check.count(.errored)
                totals.unchecked += check.count(.unchecked)
            }
        }
        if let junit {
            let xml = JUnitReport(checks: outcomes.compactMap(\.check), strict: strict).xml
            do { try AtomicFile().write(xml, to: URL(fileURLWithPath: junit)) } catch {
                session.console.error("\(junit): can't write the JUnit report: \(error.localizedDescription)")
                throw ExitStatus.badInput.exitCode
            }
        }
        if outcomes.count > 1 {
            session.console.write("nbrun check: \(outcomes.count) notebooks, \(totals.passed) outputs matched, "
                                  + "\(totals.failed) failed, \(totals.unchecked) unchecked\n")
        }
        throw outcomes.map(\.status).max()!.exitCode
    }
}

/// Runs `transform` over `items` with at most `jobs` at once, keeping the order.
func parallelMap<T: Sendable, U: Sendable>(_ items: [T], jobs: Int, _ transform: @escaping @Sendable (T) -> U) -> [U] {
    let results = ResultSlots<U>(count: items.count)
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = jobs
    for (index, item) in items.enumerated() {
        queue.addOperation { results[index] = transform(item) }
    }
    queue.waitUntilAllOperationsAreFinished()
    return results.values
}

/// Slots filled by concurrent operations, one each.
final class ResultSlots<U: Sendable>: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var slots: [U?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(index: Int) -> U? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }
    var values: [U] { lock.withLock { slots.map { $0! } } }
}
