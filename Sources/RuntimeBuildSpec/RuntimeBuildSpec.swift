import Foundation

/// How nbrun's runtime library is compiled and stamped, written once for the two programs
/// that compile it: the `EmbedResources` build tool, which prebuilds it during `swift build`,
/// and nbrun (`RuntimeLibrary` in NBRunKit), which compiles it into its cache or adopts the
/// prebuilt one when the stamps agree.
///
/// The stamp (``stampName``) begins with ``stampHeader(runtimeDigest:swiftcFingerprint:)``
/// and then lists every file of the library with ``fileLine(path:size:digest:)``.
public enum RuntimeBuildSpec {
    /// The flags the runtime is compiled with; part of its cache key and of its stamp.
    /// `-fno-omit-frame-pointer` keeps frame pointers in the optimized code, so that the
    /// Swift backtracer can walk from a trap inside the runtime (a shape error) back to
    /// the notebook line that called it; without them the backtrace stops in the runtime.
    /// The last flags choose the instruction set for this machine (see ``RuntimeTarget``).
    ///
    /// `NBRUN_RUNTIME_OPTIMIZATION=none` compiles it with `-Onone` instead of `-O`: the
    /// flags differ, so that library has its own cache folder and stamp, and is never taken
    /// for the optimized one. It exists for the test of nbrun's own runtime build
    /// (`CacheTests`): with `-O` that build takes about 100 s of CPU, with `-Onone` 12 s.
    public static let flags = flags(environment: ProcessInfo.processInfo.environment)

    /// ``flags`` for an environment (see there for `NBRUN_RUNTIME_OPTIMIZATION`).
    public static func flags(environment: [String: String]) -> [String] {
        [
            environment["NBRUN_RUNTIME_OPTIMIZATION"] == "none" ? "-Onone" : "-O", "-wmo", "-swift-version", "6",
            "-parse-as-library", "-module-name", "NBRuntime", "-Xcc", "-fno-omit-frame-pointer"
        ] + RuntimeTarget.host.flags
    }

    /// The library's file name, also its `soname`.
    public static let libraryName = "libNBRuntime.so"
    /// The module, under the library's folder.
    public static let modulePath = "Modules/NBRuntime.swiftmodule"
    /// The stamp's file name, beside the library.
    public static let stampName = "nbrun-runtime.stamp"

    /// swiftc's arguments to compile `sources` (with the C modules in `includes`) into
    /// the library and module in `folder`: ``flags`` and then the outputs.
    public static func arguments(sources: [String], includes: [String], folder: URL) -> [String] {
        flags + includes.sorted().flatMap { ["-I", $0] } + [
            "-emit-library", "-emit-module", "-emit-module-path", folder.appendingPathComponent(modulePath).path,
            "-o", folder.appendingPathComponent(libraryName).path,
            "-Xlinker", "-soname", "-Xlinker", libraryName
        ] + sources
    }

    /// How the library was built: the flags, the digest of the runtime's sources and the
    /// compiler. A prebuilt library is used only when its stamp starts with the header nbrun
    /// would write itself.
    public static func stampHeader(runtimeDigest: String, swiftcFingerprint: String) -> String {
        "flags \(flags.joined(separator: " "))\ndigest \(runtimeDigest)\nswiftc \(swiftcFingerprint)\n"
    }

    /// One file of the library in the stamp: `file SIZE FNV1A64 PATH`.
    public static func fileLine(path: String, size: Int, digest: String) -> String {
        "file \(size) \(digest) \(path)\n"
    }

    /// A cheap fingerprint of a compiler: its resolved path, size and modification time.
    /// Cheaper than running `swiftc -version` on every run; any reinstall changes it.
    public static func fingerprint(ofCompilerAt swiftc: URL) -> String {
        let resolved = swiftc.resolvingSymlinksInPath().path
        let attributes = (try? FileManager.default.attributesOfItem(atPath: resolved)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(resolved)|\(size)|\(modified)"
    }

    /// Every regular file under `folder` but the stamp, as paths relative to it, sorted.
    public static func libraryFiles(in folder: URL) -> [String] {
        let root = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard path != stampName,
                FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            paths.append(path)
        }
        return paths.sorted()
    }
}
