import Testing

/// The edit loop's tier of NBLanguageServer: the protocol layer and the server, in this
/// process, with a diagnostics function of the tests' own. `nbrun lsp` itself, with swiftc
/// and sourcekit-lsp, is tested in a real Neovim in `NBRunEndToEndTests`.
@Suite enum Unit {}
