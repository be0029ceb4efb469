import Foundation

/// Typesets formulas with KaTeX while the report is written, by running Debian's
/// `katex.js` (libjs-katex) under `node`.
///
/// One node process typesets every formula of a report, in order, so a `\newcommand`
/// or `\def` holds in the formulas after it. A formula KaTeX can't typeset, or one that
/// uses a command it doesn't know, comes back as an error with KaTeX's message, never as
/// red text on the page. Measured on the backprop notebook (24 formulas, 20 matrices):
/// see BENCHMARKS.md.
struct KaTeXTypesetter: Sendable {
    /// The `node` (or `nodejs`) executable.
    var node: URL
    /// The folder that holds `katex.js`.
    var katexDirectory: URL
    var runner: any ProcessRunning = SystemProcessRunner()

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
        guard FileManager.default.fileExists(atPath: katex.path) else { throw .missingKaTeX(katex.path) }
        let scratch: URL
        do { scratch = try ScratchFolders.make() } catch { throw .mathFailed(error.localizedDescription) }
        defer { ScratchFolders.remove(scratch) }
        let script = scratch.appendingPathComponent("katex-typeset.js")
        let request = scratch.appendingPathComponent("request.json")
        let output: ProcessOutput
        do {
            try TemplateStore.resource("katex-typeset.js").write(to: script, atomically: false, encoding: .utf8)
            try JSONEncoder().encode(Request(macros: macros, formulas: formulas)).write(to: request)
            output = try runner.run(node, [script.path, katex.path, request.path], environment: nil,
                                    directory: nil, deadline: Date().addingTimeInterval(300))
        } catch {
            throw .mathFailed(error.localizedDescription)
        }
        guard output.status == 0, !output.signaled,
              let replies = try? JSONDecoder().decode([Reply].self, from: output.stdout), replies.count == formulas.count
        else {
            let stderr = String(decoding: output.stderr, as: UTF8.self)
            let reason = stderr.split(separator: "\n").first { $0.contains("Error") }.map(String.init)
                ?? (output.timedOut ? "it took longer than 300 s" : "it exited with status \(output.status)")
            throw .mathFailed("\(node.path) \(katex.path): \(reason)")
        }
        return replies.map { reply in
            if let html = reply.html { return .html(html) }
            return .error(reply.error ?? "KaTeX gave no result", position: reply.position)
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
