import Foundation
import NBRunKit

extension LanguageServer.Services {
    /// nbrun's own services: diagnostics from `workbench` (its swiftc, the runtime library,
    /// math through KaTeX), and sourcekit-lsp beside its swiftc for the rest (none when the
    /// toolchain has no sourcekit-lsp). Cells are parsed once per text, in memory.
    public static func nbrun(_ workbench: Workbench) -> Self {
        let syntax = SyntaxCache.inMemory()
        let toolchain = workbench.runner.compiler.toolchain
        let cache = CacheDirectory.resolve()
        let swift = toolchain.sourcekitLSP.map { sourcekitLSP in
            SourceKitFeatures(
                setup: .init(
                    sourcekitLSP: sourcekitLSP, folder: cache.appendingPathComponent("lsp"),
                    arguments: {
                        let runtime = EditorRuntime.locate(for: toolchain, cache: cache)
                        try runtime.build(toolchain: toolchain)
                        return runtime.arguments(swiftc: toolchain.swiftc)
                    },
                    program: { text, file in try? GeneratedSource(parsing: text, file: file, syntax: syntax) }))
        }
        return Self(diagnose: { text, file in workbench.diagnose(text, file: file, syntax: syntax) }, swift: swift)
    }
}
