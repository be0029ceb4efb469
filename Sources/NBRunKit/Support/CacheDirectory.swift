import Foundation

/// Where nbrun keeps what it compiled: `$XDG_CACHE_HOME/nbrun`, else `~/.cache/nbrun`,
/// and what lives in it, each in one place.
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

    /// The compiled programs (``ProgramCache``), in `root`.
    static func programs(in root: URL) -> URL { root.appendingPathComponent("programs", isDirectory: true) }
    /// The jobs swiftc's driver runs for a compile (``CompileJobsCache``).
    static func compileJobs(in root: URL) -> URL { root.appendingPathComponent("jobs", isDirectory: true) }
    /// Each cell's parse (``SyntaxCache``).
    static func syntax(in root: URL) -> URL { root.appendingPathComponent("syntax", isDirectory: true) }
    /// KaTeX's replies for each formula (``KaTeXTypesetter``).
    static func math(in root: URL) -> URL { root.appendingPathComponent("math", isDirectory: true) }
    /// What cells marked `cache=true` printed and left (``ExecutionCacheStore``).
    static func executions(in root: URL) -> URL { root.appendingPathComponent("executions", isDirectory: true) }

    /// The caches `nbrun cache info` lists, by the names of their entries in `root`.
    private static let kinds: [(label: String, matches: @Sendable (String) -> Bool)] = [
        ("programs", { $0 == "programs" }),
        ("runtimes", { $0.hasPrefix("runtime-") }),
        ("syntax", { $0 == "syntax" }),
        ("math", { $0 == "math" }),
        ("executions", { $0 == "executions" }),
        ("KaTeX assets", { $0.hasPrefix("katex-") }),
        ("compile jobs", { $0 == "jobs" })
    ]

    /// `nbrun cache info`: where the cache is, and the size of each cache in it (every
    /// file is in one line), in MiB or GiB.
    public static func info(root: URL = resolve()) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        var lines = ["cache: \(root.path)"]
        var total = 0
        var claimed: Set<String> = []
        func line(_ label: String, _ entries: [String], limit: Int? = nil) {
            claimed.formUnion(entries)
            let sizes = entries.flatMap { fileSizes(under: root.appendingPathComponent($0)) }
            let bytes = sizes.reduce(0) { $0 + $1 }
            total += bytes
            let count =
                switch label {
                case "programs": ProgramCache(directory: programs(in: root)).usage().entries.counted("program")
                case "runtimes": entries.count.counted("runtime")
                case "executions": executionEntries(in: root).counted("cell")
                default: sizes.count.counted("file")
                }
            lines.append(
                "\(label): \(count), \(size(bytes))" + (limit.map { " of at most \(size($0))" } ?? ""))
        }
        for kind in kinds {
            let limit =
                switch kind.label {
                case "programs": ProgramCache(directory: programs(in: root)).limit
                case "executions": ExecutionCacheStore(folder: executions(in: root)).limit
                default: Int?.none
                }
            line(kind.label, names.filter(kind.matches), limit: limit)
        }
        let others = names.filter { !claimed.contains($0) && !$0.hasSuffix(".lock") }
        if !others.isEmpty { line("other", others) }
        lines.append("total: \(size(total))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many cells the execution cache holds: its complete entries.
    private static func executionEntries(in root: URL) -> Int {
        ExecutionCacheStore(folder: executions(in: root)).entries.list().count
    }

    /// The sizes of the regular files at `url`, a file or a folder.
    private static func fileSizes(under url: URL) -> [Int] {
        let keys: [URLResourceKey] = [.fileSizeKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys) else {
            let values = try? url.resourceValues(forKeys: Set(keys))
            return values?.isRegularFile == true ? [values?.fileSize ?? 0] : []
        }
        var sizes: [Int] = []
        for case let file as URL in walker {
            let values = try? file.resourceValues(forKeys: Set(keys))
            if values?.isRegularFile == true { sizes.append(values?.fileSize ?? 0) }
        }
        if sizes.isEmpty, let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true {
            return [values.fileSize ?? 0]
        }
        return sizes
    }

    /// `12.3 MiB`, or `1.25 GiB` from 1 GiB on: binary units, as the limits are set.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 30
            ? String(format: "%.2f GiB", Double(bytes) / Double(1 << 30))
            : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
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
