import Foundation

/// Reads a jupytext "percent" script (`.py` with `# %%` cell markers) into a ``SourceNotebook``.
///
/// `# %%` starts a code cell (a title and options may follow), `# %% [markdown]` (or `[md]`)
/// a Markdown cell whose lines are comments (`# text`) or one `"""` string, and
/// `# %% [raw]` a raw cell. The YAML header jupytext writes before the first cell
/// (`# ---` … `# ---`) is dropped. A script has no saved outputs.
enum PercentScript {
    static func read(_ text: String) -> SourceNotebook {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if lines.last == "" { lines.removeLast() }
        var index = lines.startIndex
        if lines.first?.trimmingTrailingSpaces == "# ---" {
            if let end = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces == "# ---" }) {
                index = end + 1
            }
        }
        var cells: [SourceNotebook.Cell] = []
        var kind = Kind.code
        var body: [Substring] = []
        func flush() {
            while body.first?.allSatisfy(\.isWhitespace) == true { body.removeFirst() }
            while body.last?.allSatisfy(\.isWhitespace) == true { body.removeLast() }
            guard !body.isEmpty else { return }
            switch kind {
            case .code: cells.append(.code(body.joined(separator: "\n")))
            case .markdown: cells.append(.markdown(uncommented(body)))
            case .raw: cells.append(.raw(uncommented(body)))
            }
            body = []
        }
        while index < lines.endIndex {
            let line = lines[index]
            if let marked = Self.marker(line) {
                flush()
                kind = marked
            } else {
                body.append(line)
            }
            index += 1
        }
        flush()
        return SourceNotebook(cells: cells)
    }

    private enum Kind { case code, markdown, raw }

    /// The kind of cell a `# %%` line starts, or nil for any other line.
    private static func marker(_ line: Substring) -> Kind? {
        guard line == "# %%" || line.hasPrefix("# %% ") || line == "#%%" || line.hasPrefix("#%% ") else {
            return nil
        }
        if line.contains("[markdown]") || line.contains("[md]") { return .markdown }
        if line.contains("[raw]") { return .raw }
        return .code
    }

    /// A text cell's lines without their comment markers, or the inside of one `"""` string.
    private static func uncommented(_ body: [Substring]) -> String {
        let first = body.first?.trimmingTrailingSpaces ?? ""
        if first.hasPrefix("\"\"\""), body.last?.trimmingTrailingSpaces.hasSuffix("\"\"\"") == true {
            var text = body.joined(separator: "\n")
            text = String(text.drop { $0.isWhitespace }.dropFirst(3))
            while text.last?.isWhitespace == true { text.removeLast() }
            text = String(text.dropLast(3))
            return text.trimmingCharacters(in: .newlines)
        }
        return body.map { line in
            if line.hasPrefix("# ") { return String(line.dropFirst(2)) }
            if line.hasPrefix("#") { return String(line.dropFirst()) }
            return String(line)
        }.joined(separator: "\n")
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var line = self
        while line.last == " " || line.last == "\t" { line.removeLast() }
        return line
    }
}
