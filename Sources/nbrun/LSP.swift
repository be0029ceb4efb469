import ArgumentParser
import NBLanguageServer
import NBRunKit

struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Serve the Language Server Protocol over stdin and stdout, for editors.",
        discussion: """
            Diagnostics of the notebook as it stands in the editor (type-checked, not run), and \
            completion, hover, signature help and definition inside cells (through the toolchain's \
            sourcekit-lsp). docs/editors.md shows how to set up VS Code, Neovim and Helix.
            """)

    @Option(help: "The swiftc to type-check with (default: $NBRUN_SWIFTC, then PATH).") var swiftc: String?

    func run() throws {
        let workbench = try Console().exitingOnError {
            try Workbench(settings: RunSettings(swiftc: swiftc, prebuiltRuntime: prebuiltRuntimeFolder))
        }
        let server = LanguageServer(client: Connection(input: 0, output: 1), services: .nbrun(workbench))
        let status = server.run()
        // A type-check still running for a text nobody will see again.
        SystemProcessRunner.killRunningChildren()
        throw ExitCode(status)
    }
}
