import Foundation
import RuntimeBuildSpec

/// The NBRuntime library that notebook programs import and link against.
///
/// nbrun carries the runtime's sources and compiles them, optimized, once per
/// toolchain and runtime version into the cache. Later runs find it there.
public struct RuntimeLibrary: Sendable, Equatable {
    /// The folder holding `NBRuntime.swiftmodule` and `libNBRuntime.so`.
    public var directory: URL
    /// Libraries compiled ahead of time, in the order to try them: the copy `scripts/install`
    /// puts beside an installed nbrun, then the one `swift build` compiled (see
    /// Plugins/EmbedResources). The first whose stamp matches is copied into ``directory``
    /// instead of compiling one.
    public var prebuilt: [URL] = []

    /// Where `scripts/install` puts the runtime for an nbrun installed as `PREFIX/bin/nbrun`:
    /// `PREFIX/lib/nbrun/runtime`.
    public static func installedCopy(besideExecutable executable: URL) -> URL {
        executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/nbrun/runtime", isDirectory: true)
    }

    /// The embedded runtime sources, by file name, in a stable order.
    static var sources: [(name: String, text: String)] {
        EmbeddedResources.files
            .filter { $0.key.hasPrefix("runtime/") }
            .map { (String($0.key.dropFirst("runtime/".count)), $0.value) }
            .sorted { $0.name < $1.name }
    }

    /// The C module maps and headers the runtime imports, by path under a folder.
    static var cModules: [(path: String, text: String)] {
        EmbeddedResources.files
            .filter { $0.key.hasPrefix("runtime-c/") }
            .map { (String($0.key.dropFirst("runtime-c/".count)), $0.value) }
            .sorted { $0.path < $1.path }
    }

    /// The flags the runtime is compiled with; part of its cache key (see ``RuntimeBuildSpec/flags``).
    static var flags: [String] { RuntimeBuildSpec.flags }

    /// Where the runtime for `toolchain` lives in `cache`, built or not (see ``isBuilt`` and
    /// ``build(toolchain:runner:thorough:starting:)``): finding it costs no compile, so a
    /// notebook whose program is cached, or that has no cells, never waits for one.
    public static func locate(for toolchain: Toolchain, cache: URL) -> RuntimeLibrary {
        var hasher = StableHasher()
        hasher.combine(toolchain.fingerprint)
        hasher.combine("layout 3")  // the folder's layout: Modules/, CModules/, the library, its stamp
        hasher.combine(flags.joined(separator: " "))
        hasher.combine(EmbeddedResources.runtimeDigest)  // the sources, hashed when nbrun was built
        return RuntimeLibrary(directory: cache.appendingPathComponent("runtime-\(hasher.hexDigest)", isDirectory: true))
    }

    /// Whether the library is there to link against, whole: every file its stamp lists is
    /// there with its size. See ``isWhole(thorough:)`` for the digests too.
    public var isBuilt: Bool { isWhole(thorough: false) }

    /// Whether every file the stamp lists is there with its size and, when `thorough`, its digest.
    func isWhole(thorough: Bool) -> Bool { Self.isWhole(directory, thorough: thorough) }

    /// Compiles the library into its folder unless it is there, whole (see ``isWhole(thorough:)``;
    /// `thorough` checks the digests too); a damaged one is removed first and built or copied
    /// again. Another nbrun building the same one at the same time is waited for. `starting`
    /// is told when a compile really starts.
    public func build(
        toolchain: Toolchain, runner: any ProcessRunning = SystemProcessRunner(),
        thorough: Bool = false, starting: (@Sendable () -> Void)? = nil
    ) throws(BuildError) {
        if isWhole(thorough: thorough) { return }
        let cache = directory.deletingLastPathComponent()
        // One nbrun builds the runtime while any others wait for it.
        let lock = try FileLock(cache.appendingPathComponent("runtime.lock"))
        defer { lock.unlock() }
        if isWhole(thorough: thorough) { return }
        try discardDamaged()
        if prebuilt.contains(where: { adopt($0, toolchain: toolchain) }) { return }
        starting?()

        // Build in a private folder, then rename, so a crash never leaves half a runtime.
        let staging = cache.appendingPathComponent("tmp-runtime-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: staging.appendingPathComponent("Sources"),
                withIntermediateDirectories: true)
        } catch {
            throw .cacheUnusable(error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        var paths: [String] = []
        for source in Self.sources {
            let url = staging.appendingPathComponent("Sources/\(source.name)")
            do { try Data(source.text.utf8).write(to: url) } catch { throw .cacheUnusable(error.localizedDescription) }
            paths.append(url.path)
        }
        // The C modules stay beside the library: programs that import NBRuntime need them too.
        var includes: Set<String> = []
        for module in Self.cModules {
            let url = staging.appendingPathComponent("CModules/\(module.path)")
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(module.text.utf8).write(to: url)
            } catch { throw .cacheUnusable(error.localizedDescription) }
            includes.insert(url.deletingLastPathComponent().path)
        }
        let arguments = RuntimeBuildSpec.arguments(sources: paths, includes: includes.sorted(), folder: staging)
        let output: ProcessOutput
        do {
            output = try runner.run(toolchain.swiftc, arguments, environment: nil, directory: staging)
        } catch {
            throw .compilerFailedToStart(error.localizedDescription)
        }
        guard output.status == 0, !output.signaled else {
            throw .runtimeFailed(String(decoding: output.stderr + output.stdout, as: UTF8.self))
        }
        try? FileManager.default.removeItem(at: staging.appendingPathComponent("Sources"))
        do {
            try Self.writeStamp(header: Self.stamp(for: toolchain), for: staging)
            try FileManager.default.moveItem(at: staging, to: directory)
        } catch  where isBuilt {
            // Another nbrun finished the same build first; use theirs.
        } catch {
            throw .cacheUnusable(error.localizedDescription)
        }
    }

    /// What the stamp beside a prebuilt library must start with for `toolchain`: the same flags,
    /// runtime sources and swiftc as a library nbrun compiles itself. The files follow it.
    static func stamp(for toolchain: Toolchain) -> String {
        RuntimeBuildSpec.stampHeader(
            runtimeDigest: EmbeddedResources.runtimeDigest, swiftcFingerprint: toolchain.fingerprint)
    }

    /// Copies the prebuilt library into ``directory`` if it was built as nbrun would build it;
    /// false when it wasn't (or can't be copied), and nbrun compiles its own.
    /// The copy is checked against the stamp's sizes and digests before it is renamed into place.
    private func adopt(_ prebuilt: URL, toolchain: Toolchain) -> Bool {
        let stamp = try? String(contentsOf: prebuilt.appendingPathComponent(Self.stampName), encoding: .utf8)
        guard let stamp, stamp.hasPrefix(Self.stamp(for: toolchain)) else { return false }
        let staging = directory.deletingLastPathComponent().appendingPathComponent("tmp-runtime-\(UUID().uuidString)")
        do {
            try FileManager.default.copyItem(at: prebuilt, to: staging)
            guard Self.isWhole(staging, thorough: true) else {
                try? FileManager.default.removeItem(at: staging)
                return false
            }
            try FileManager.default.moveItem(at: staging, to: directory)
            return true
        } catch {
            try? FileManager.default.removeItem(at: staging)
            return isBuilt
        }
    }

    /// Moves a library that isn't whole out of the way (under the runtime lock), so that
    /// building or copying it again can rename a new one into place.
    private func discardDamaged() throws(BuildError) {
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        let trash = directory.deletingLastPathComponent().appendingPathComponent("tmp-damaged-\(UUID().uuidString)")
        do {
            try FileManager.default.moveItem(at: directory, to: trash)
        } catch {
            throw .cacheUnusable(
                "can't remove the damaged runtime library \(directory.path): \(error.localizedDescription)")
        }
        try? FileManager.default.removeItem(at: trash)
    }

    var moduleFile: URL { directory.appendingPathComponent(RuntimeBuildSpec.modulePath) }

    /// The folders of the C modules the runtime imports, for `-I`.
    var cModuleDirectories: [URL] {
        Set(Self.cModules.map { ($0.path as NSString).deletingLastPathComponent }).sorted()
            .map { directory.appendingPathComponent("CModules/\($0)") }
    }
    var libraryFile: URL { directory.appendingPathComponent(RuntimeBuildSpec.libraryName) }
}
