import ArgumentParser
import Foundation
import NBRunKit

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write what each cell printed into its documented output.",
        discussion: """
            Only output blocks that no longer match change; every other byte of the file is kept. \
            A notebook whose cells don't all compile is left alone. \
            Exit codes: 0 every cell ran, 1 a cell failed, 2 bad input, 64 usage.
            """)

    @Flag(help: "Insert an output block after each cell that prints something but documents nothing.")
    var addMissing = false

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: RunOptions

    @Argument(help: "The notebooks to update.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one notebook") }
    }

    func run() throws {
        let session = try Session(options: options)
        let updater = NotebookUpdater(addMissing: addMissing)
        let commandLine = comparison.outputOptions
        let statuses = parallelMap(batch.select(files), jobs: batch.jobs) { file -> (Transcript, ExitStatus) in
            var transcript = Transcript()
            let show: (String) -> Void = { transcript.out($0 + "\n") }
            guard case .success(let run) = session.execute(file, progress: false, show: { transcript.err($0) }) else {
                return (transcript, .badInput)
            }
            let check = CheckResult(run: run, commandLine: commandLine)
            if run.diagnostics.contains(where: { $0.severity == .error }) {
                show("\(file): not updated, because it doesn't compile")
            } else if let rewrite = updater.rewrite(check) {
                do {
                    try AtomicFile().write(rewrite.text, to: URL(fileURLWithPath: file))
                    var changes: [String] = []
                    if rewrite.rewritten > 0 { changes.append("updated \(rewrite.rewritten) output\(rewrite.rewritten == 1 ? "" : "s")") }
                    if rewrite.added > 0 { changes.append("added \(rewrite.added)") }
                    show("\(file): " + changes.joined(separator: ", "))
                } catch {
                    transcript.err("nbrun: error: \(file): can't write: \(error.localizedDescription)")
                    return (transcript, .badInput)
                }
            } else {
                show("\(file): up to date")
            }
            return (transcript, session.passes(run) ? .success : .cellFailed)
        }
        statuses.forEach { $0.0.flush() }
        throw statuses.map { $0.1 }.max()!.exitCode
    }
}
