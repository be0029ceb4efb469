import Foundation
import RuntimeBuildSpec

/// The runtime module as an editor's Swift tools read it: its interface compiled from
/// sources that stay on disk beside it, so that "go to definition" of `np.zeros` opens the
/// runtime's own source, with its doc comments (a module built for running keeps no sources).
///
/// Only the module is compiled (no code), once per toolchain and runtime version, into
/// `editor-runtime-<hash>/` in the cache: `Sources/` (the embedded runtime sources, as the
/// module's source information names them), `CModules/` and `Modules/NBRuntime.swiftmodule`.
public struct EditorRuntime: Sendable, Equatable {
    public var directory: URL

    /// The folder for `toolchain`'s editor runtime in `cache`, built or not.
    public static func locate(for toolchain: Toolchain, cache: URL) -> EditorRuntime {
        var hasher = StableHasher()
        hasher.combine(toolchain.fingerprint)
        hasher.combine("editor layout 1")
        hasher.combine(RuntimeLibrary.flags.joined(separator: " "))
        hasher.combine(EmbeddedResources.runtimeDigest)
        return EditorRuntime(directory: cache.appendingPathComponent("editor-runtime-\(hasher.hexDigest)"))
    }

    public var isBuilt: Bool { FileManager.default.fileExists(atPath: moduleFile.path) }

    /// The runtime's source file that the editor module names `name` (`NumPy.swift`).
    public func source(named name: String) -> URL { directory.appendingPathComponent("Sources/\(name)") }

    /// Compiles the module unless it is there; another nbrun doing the same is waited for.
    public func build(toolchain: Toolchain, runner: any ProcessRunning = SystemProcessRunner()) throws(BuildError) {
        if isBuilt { return }
        let lock = try FileLock(directory.appendingPathExtension("lock"))
        defer { lock.unlock() }
        if isBuilt { return }
        var paths: [String] = []
        do {
            // The sources go where they stay: the module's source information names these paths.
            for source in RuntimeLibrary.sources {
                let url = self.source(named: source.name)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(source.text.utf8).write(to: url)
                paths.append(url.path)
            }
            for module in RuntimeLibrary.cModules {
                let url = directory.appendingPathComponent("CModules/\(module.path)")
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(module.text.utf8).write(to: url)
            }
        } catch {
            throw .cacheUnusable(error.localizedDescription)
        }
        // Built beside, then renamed: a half-built module is never taken for a built one.
        let staging = directory.appendingPathComponent("Modules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        // No code, so no optimization; but whole-module: one frontend emits the module in 5 s
        // of CPU, where a frontend per file (each parsing all of them) took 16 s.
        let flags = RuntimeLibrary.flags.filter { $0 != "-O" && $0 != "-Onone" }
        let arguments =
            flags + cModuleDirectories.flatMap { ["-I", $0.path] } + [
                "-emit-module", "-emit-module-path", staging.appendingPathComponent("NBRuntime.swiftmodule").path
            ] + paths
        let output: ProcessOutput
        do {
            output = try runner.run(toolchain.swiftc, arguments, environment: nil, directory: directory)
        } catch {
            throw .compilerFailedToStart(error.localizedDescription)
        }
        guard output.status == 0, !output.signaled else {
            throw .runtimeFailed(String(decoding: output.stderr + output.stdout, as: UTF8.self))
        }
        do {
            try FileManager.default.moveItem(at: staging, to: moduleFile.deletingLastPathComponent())
        } catch {
            throw .cacheUnusable(error.localizedDescription)
        }
    }

    /// The swiftc arguments an editor's Swift tools use for a notebook's program, without
    /// the program's files (the caller adds them).
    public func arguments(swiftc: URL) -> [String] {
        let includes = [moduleFile.deletingLastPathComponent()] + cModuleDirectories
        return [swiftc.path, "-swift-version", "5", "-module-name", "NotebookProgram"]
            + includes.flatMap { ["-I", $0.path] }
    }

    var moduleFile: URL { directory.appendingPathComponent(RuntimeBuildSpec.modulePath) }

    private var cModuleDirectories: [URL] {
        Set(RuntimeLibrary.cModules.map { ($0.path as NSString).deletingLastPathComponent }).sorted()
            .map { directory.appendingPathComponent("CModules/\($0)") }
    }
}

extension Toolchain {
    /// The toolchain's `sourcekit-lsp`, beside `swiftc`; nil when it has none.
    public var sourcekitLSP: URL? {
        let url = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("sourcekit-lsp")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }
}
