import Foundation

/// Where nbrun keeps what it compiled: `$XDG_CACHE_HOME/nbrun`, else `~/.cache/nbrun`.
public enum CacheDirectory {
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("nbrun", isDirectory: true)
        }
        let home =
            environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/nbrun", isDirectory: true)
    }

    /// `nbrun cache info`: where the cache is, and what it holds.
    public static func info() -> String {
        let directory = resolve()
        let programs = ProgramCache(directory: directory.appendingPathComponent("programs"))
        let usage = programs.usage()
        let runtimes = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("runtime-") }.count
        func size(_ bytes: Int) -> String { ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file) }
        return """
            cache: \(directory.path)
            programs: \(usage.entries) (\(size(usage.bytes)) of at most \(size(programs.limit)))
            runtimes: \(runtimes)

            """
    }

    /// `nbrun cache clean`: removes the whole cache; returns what it removed.
    public static func clean() throws -> String {
        let directory = resolve()
        if FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.removeItem(at: directory)
        }
        return "removed \(directory.path)\n"
    }
}
