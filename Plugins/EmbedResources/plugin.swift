import Foundation
import PackagePlugin

/// Embeds the files nbrun needs at run time in its binary: the report templates
/// from `templates/` and the runtime's Swift sources, which nbrun compiles once
/// (optimized) for the toolchain it finds.
///
/// Embedding them means a copied or symlinked `nbrun` binary works from any folder,
/// with no resource bundle beside it.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let templates = root.appending(path: "templates")
        let templateFiles = try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter { !$0.hasPrefix(".") }.sorted()
            .map { templates.appending(path: $0) }
        guard let runtime = try context.package.targets(named: ["NBRuntime"]).first as? SourceModuleTarget else {
            Diagnostics.error("the NBRuntime target is missing")
            return []
        }
        let runtimeFiles = runtime.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
        // The C modules the runtime imports (their module maps and headers).
        let cModules = ["COpenBLAS"].flatMap { name in
            ["module.modulemap", "shim.h"].map { root.appending(path: "Sources/\(name)/\($0)") }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        var arguments = [output.path]
        arguments += templateFiles.flatMap { ["templates/" + $0.lastPathComponent, $0.path] }
        arguments += runtimeFiles.flatMap { ["runtime/" + $0.lastPathComponent, $0.path] }
        arguments += cModules.flatMap { url in
            ["runtime-c/" + url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent, url.path]
        }
        return [
            .buildCommand(
                displayName: "Embedding templates and runtime sources",
                executable: try context.tool(named: "EmbedResources").url,
                arguments: arguments,
                inputFiles: templateFiles + runtimeFiles + cModules,
                outputFiles: [output])
        ]
    }
}
