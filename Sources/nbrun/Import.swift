import ArgumentParser
import NBRunKit

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a Jupyter notebook (.ipynb, or a jupytext .py) into a notebook to port cell by cell.",
        discussion:
            "Markdown stays as it is; each code cell becomes a swift-cell holding the original, commented out, "
            + "and what it printed becomes its documented output, so `nbrun check` says which cells are ported.")

    @Option(name: .shortAndLong, help: "The new notebook: a file or '-' (stdout); default: beside the original, .md.")
    var output: String?
    @Flag(help: "Replace the output file if it exists.") var force = false
    @Argument(help: "The notebook to import.") var file: String

    func run() throws {
        throw Console().finish(ImportJob(output: output, force: force).run(file))
    }
}
