import ArgumentParser
import NBRunKit

@main
struct NBRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nbrun",
        abstract: "Run Markdown notebooks of Swift cells and write reports.",
        discussion: "Exit codes: 0 every cell ran, 1 a cell failed, 2 bad input (a file, a cell option), 64 usage.",
        version: NBRun.version,
        subcommands: [
            Render.self, Check.self, Update.self, Import.self, Cache.self, Preview.self, Inspect.self, LSP.self
        ],
        defaultSubcommand: Render.self
    )
}
