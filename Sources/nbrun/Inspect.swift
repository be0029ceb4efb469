import ArgumentParser
import Foundation
import NBRunKit

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a notebook and show every variable in scope at one line, each time execution reaches it.",
        discussion: discussion)

    /// `notebook.md:LINE`.
    struct Place: ExpressibleByArgument {
        var file: String
        var line: Int

        init?(argument: String) {
            guard let colon = argument.lastIndex(of: ":"), let line = Int(argument[argument.index(after: colon)...]),
                line > 0
            else { return nil }
            file = String(argument[..<colon])
            self.line = line
        }
    }

    @Argument(help: "The notebook and the line of a statement in a cell, written notebook.md:LINE.") var place: Place
    @Option(help: "Show the values the first N times execution reaches the line.") var hits = 3
    @OptionGroup var options: RunOptions

    func validate() throws {
        if hits < 1 { throw ValidationError("--hits must be at least 1") }
    }

    func run() throws {
        let job = InspectJob(workbench: try options.workbench(), hits: hits)
        throw Console().finish(job.run(place.file, line: place.line))
    }

    /// What `--help` says about debuggers; it starts them to say whether they work here,
    /// so only when help is asked for.
    private static var discussion: String {
        var text = """
            The values are the cell's variables, the earlier cells' and the loop variables and \
            parameters in scope, tensors as numpy prints them; no debugger is needed. Exit codes: \
            0 the line was reached, 1 it wasn't (a cell failed or didn't run), 2 bad input, 64 usage.

            Debuggers: a notebook's program has line tables that name notebook lines, so gdb and \
            lldb stop at `break notebook.md:LINE`; only lldb shows Swift values. Recipes for both \
            are in docs/editors.md.
            """
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.contains(where: { ["-h", "--help", "help"].contains($0) }) {
            let swiftc = try? Toolchain.locate().swiftc
            text +=
                "\n\nOn this machine:\n" + Debuggers.report(swiftc: swiftc).map { "  " + $0 }.joined(separator: "\n")
        }
        return text
    }
}
