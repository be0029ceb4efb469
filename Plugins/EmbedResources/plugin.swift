import Foundation
import PackagePlugin

/// Applied to NBRunKit, embeds the files nbrun needs at run time in its binary: the report
/// templates from `templates/` and the runtime's Swift sources, which nbrun compiles once
/// (optimized) for the toolchain it finds. Embedding them means a copied or symlinked
/// `nbrun` binary works from any folder, with no resource bundle beside it.
///
/// Applied to the nbrun executable, compiles that runtime library during `swift build`, so
/// that the first notebook doesn't wait for it: nbrun copies it into its cache when it
/// matches the swiftc nbrun uses. Only the executable waits for this compile, not NBRunKit.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        guard let runtime = try context.package.targets(named: ["NBRuntime"]).first as? SourceModuleTarget else {
            Diagnostics.error("the NBRuntime target is missing")
            return []
        }
        let runtimeFiles = runtime.sourceFiles(withSuffix: "swift").map(\.url).sorted { $0.path < $1.path }
        // The C modules the runtime imports (their module maps and headers).
        let cModules = ["COpenBLAS"].flatMap { name in
            ["module.modulemap", "shim.h"].map { root.appending(path: "Sources/\(name)/\($0)") }
        }
        var runtimeArguments = runtimeFiles.flatMap { ["runtime/" + $0.lastPathComponent, $0.path] }
        runtimeArguments += cModules.flatMap { url in
            ["runtime-c/" + url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent, url.path]
        }
        let tool = try context.tool(named: "EmbedResources").url

        if target.name != "NBRunKit" {
            let output = context.pluginWorkDirectoryURL.appending(path: "PrebuiltRuntime.swift")
            return [
                .buildCommand(
                    displayName: "Compiling nbrun's runtime library (optimized)",
                    executable: tool,
                    arguments: ["--runtime", output.path, context.pluginWorkDirectoryURL.path] + runtimeArguments,
                    inputFiles: runtimeFiles + cModules,
                    outputFiles: [output])
            ]
        }

        let templates = root.appending(path: "templates")
        let templateFiles = try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter { !$0.hasPrefix(".") }.sorted()
            .map { templates.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        let arguments =
            [output.path] + templateFiles.flatMap { ["templates/" + $0.lastPathComponent, $0.path] } + runtimeArguments
        return [
            .buildCommand(
                displayName: "Embedding templates and runtime sources",
                executable: tool,
                arguments: arguments,
                inputFiles: templateFiles + runtimeFiles + cModules,
                outputFiles: [output])
        ]
    }
}
