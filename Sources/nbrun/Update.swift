import ArgumentParser
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
    @OptionGroup var options: RunOptions
    @OptionGroup var notebooks: Notebooks

    func run() throws {
        let job = UpdateJob(workbench: try options.workbench(), addMissing: addMissing,
                            comparison: comparison.outputOptions)
        throw Console().finish(job.run(notebooks.files))
    }
}
