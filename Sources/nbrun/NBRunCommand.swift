import ArgumentParser
import NBRunKit

@main
struct NBRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nbrun",
        abstract: "Run Markdown notebooks of Swift cells and write reports.",
        discussion: """
            Exit codes: 0 every cell ran (and, for check, every output matched), 1 a cell failed \
            or an output differed, 2 bad input (missing or unreadable \
            file, bad cell option), 64 usage error.
            """,
        version: NBRun.version,
        subcommands: [Render.self, Check.self, Update.self, Cache.self, Preview.self],
        defaultSubcommand: Render.self
    )
}
