import Foundation

/// Typesets formulas with KaTeX while the report is written, by running Debian's
/// `katex.js` (libjs-katex) under `node`.
///
/// One node process typesets every formula of a report, in order, so a `\newcommand`
/// or `\def` holds in the formulas after it. A formula KaTeX can't typeset, or one that
/// uses a command it doesn't know, comes back as an error with KaTeX's message, never as
/// red text on the page.
///
/// node takes 0.1–0.2 s to start and typeset a notebook's math, more than a warm run of
/// the notebook itself; so the replies are kept in a cache, by a hash of everything that
/// decides them, and a report whose math hasn't changed needs no node at all.
struct KaTeXTypesetter: Sendable {
    /// The `node` (or `nodejs`) executable.
    var node: URL
    /// The folder that holds `katex.js`.
    var katexDirectory: URL
    /// The folder of cached replies; nil to keep none.
    var cache: URL?
    var runner: any ProcessRunning = SystemProcessRunner()
    /// The most replies the cache keeps; the least recently written go first.
    static let cacheLimit = 256

    struct Formula: Encodable, Equatable {
        var tex: String
        var display: Bool
        /// nbrun's own TeX (a tensor's matrix): typeset without the author's macros.
        var isolated = false
    }

    enum Outcome: Equatable {
        case html(String)
        /// KaTeX's message, and the UTF-16 offset in the TeX it points at, when it gives one.
        case error(String, position: Int?)
    }

    /// Each formula typeset, in order. `macros` map a command (`\vx`) to its expansion.
    /// Throws ``ReportError/mathFailed(_:)`` when node or KaTeX can't be run at all.
    func typeset(_ formulas: [Formula], macros: [String: String]) throws(ReportError) -> [Outcome] {
        guard !formulas.isEmpty else { return [] }
        let katex = katexDirectory.appendingPathComponent("katex.js")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: katex.path) else {
            throw .missingKaTeX(katex.path)
        }
        let source = try TemplateStore.resource("katex-typeset.js")
        let requestData: Data
        do { requestData = try Self.encode(Request(macros: macros, formulas: formulas)) } catch {
            throw .mathFailed(error.localizedDescription)
        }
        var hasher = StableHasher()
        hasher.combine(source)
        hasher.combine(
            katex.path
                + " \(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        hasher.combine(requestData)
        let cached = cache?.appendingPathComponent(hasher.hexDigest + ".json")
        if let cached, let data = FileManager.default.contents(atPath: cached.path),
            let replies = Self.replies(in: data), replies.count == formulas.count
        {
            return replies
        }
        let scratch: URL
        do { scratch = try ScratchFolders.make() } catch { throw .mathFailed(error.localizedDescription) }
        defer { ScratchFolders.remove(scratch) }
        let script = scratch.appendingPathComponent("katex-typeset.js")
        let request = scratch.appendingPathComponent("request.json")
        let output: ProcessOutput
        do {
            try source.write(to: script, atomically: false, encoding: .utf8)
            try requestData.write(to: request)
            output = try runner.run(
                node, [script.path, katex.path, request.path], environment: nil,
                directory: nil, deadline: Date().addingTimeInterval(300))
        } catch {
            throw .mathFailed(error.localizedDescription)
        }
        guard output.status == 0, !output.signaled,
            let replies = Self.replies(in: output.stdout), replies.count == formulas.count
        else {
            let stderr = String(decoding: output.stderr, as: UTF8.self)
            let reason =
                stderr.split(separator: "\n").first { $0.contains("Error") }.map(String.init)
                ?? (output.timedOut ? "it took longer than 300 s" : "it exited with status \(output.status)")
            throw .mathFailed("\(node.path) \(katex.path): \(reason)")
        }
        if let cache, let cached { store(output.stdout, as: cached, in: cache) }
        return replies
    }

    /// A request's bytes: sorted keys, so the same request gives the same bytes, which
    /// are the cache key.
    private static func encode(_ request: Request) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(request)
    }

    /// The outcomes in node's reply (or a cached one); nil when it can't be read.
    private static func replies(in data: Data) -> [Outcome]? {
        (try? JSONDecoder().decode([Reply].self, from: data))?.map(\.outcome)
    }

    /// A request encoded and a reply read, as ``typeset(_:macros:)`` does, with no file
    /// read and no node: for ``Rehearsal``.
    static func rehearse(katexDirectory: URL) {
        _ = try? FileManager.default.attributesOfItem(atPath: katexDirectory.appendingPathComponent("katex.js").path)
        _ = try? encode(Request(macros: ["\\v": "x"], formulas: [Formula(tex: "\\v^2", display: false)]))
        _ = replies(in: Data(#"[{"html":"<span class=\"katex\">x</span>"},{"error":"e","position":1}]"#.utf8))
    }

    /// Keeps a reply, then forgets the oldest beyond ``cacheLimit``; a cache that can't be
    /// written only costs the next report a run of node.
    private func store(_ reply: Data, as file: URL, in cache: URL) {
        let manager = FileManager.default
        try? manager.createDirectory(at: cache, withIntermediateDirectories: true)
        guard (try? AtomicFile().write(String(decoding: reply, as: UTF8.self), to: file)) != nil,
            let names = try? manager.contentsOfDirectory(atPath: cache.path), names.count > Self.cacheLimit
        else { return }
        let files = names.filter { $0.hasSuffix(".json") }.map { cache.appendingPathComponent($0) }
        let dated = files.map {
            ($0, (try? manager.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date) ?? .distantPast)
        }
        for (old, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(max(0, files.count - Self.cacheLimit)) {
            try? manager.removeItem(at: old)
        }
    }

    private struct Request: Encodable {
        var macros: [String: String]
        var formulas: [Formula]
    }

    private struct Reply: Decodable {
        var html: String?
        var error: String?
        var position: Int?

        var outcome: Outcome {
            if let html { return .html(html) }
            return .error(error ?? "KaTeX gave no result", position: position)
        }
    }

    /// `$NBRUN_NODE` when it is set, else `node` or `nodejs` on `PATH`; nil when there is none.
    static func locateNode(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["NBRUN_NODE"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["node", "nodejs"] {
            for folder in folders {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }
}
