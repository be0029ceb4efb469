import ArgumentParser
import NBRunKit

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write what each cell printed into its documented output.",
        discussion: "Only outputs that differ change; a notebook that doesn't compile is left alone.")

    @Flag(help: "Add an output block after each cell that prints but documents nothing.") var addMissing = false
    @Flag(help: "Write even if the notebook was changed while nbrun ran (those changes are lost).") var force = false
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var options: RunOptions
    @OptionGroup var notebooks: Notebooks

    func run() throws {
        let job = UpdateJob(
            workbench: try options.workbench(), addMissing: addMissing,
            comparison: comparison.outputOptions, force: force)
        throw Console().finish(job.run(notebooks.files))
    }
}
