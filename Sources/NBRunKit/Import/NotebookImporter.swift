/// Writes a ``SourceNotebook`` as an nbrun notebook to translate cell by cell.
///
/// - Markdown cells come through unchanged, math included.
/// - Each code cell becomes a `swift-cell` whose body is the original code, commented
///   out line by line, for the porter to translate under each line.
/// - What a code cell printed (stdout, and the `text/plain` of the values it showed) becomes
///   its documented `output` block, so `nbrun check` says which translated cells already
///   print what the original printed.
/// - A picture a cell showed, the error that stopped it, and images attached to a Markdown
///   cell become a note after the cell, since they can't be carried over as they are.
public struct NotebookImporter: Sendable {
    /// The language of the original code, for the notes (`Python`).
    public var language = "Python"

    public init() {}

    /// What an import made: the Markdown, and counts for the summary.
    public struct Result: Sendable, Equatable {
        public var markdown: String
        public var codeCells = 0
        public var documentedOutputs = 0
        public var notes = 0
    }

    public func markdown(for notebook: SourceNotebook) -> Result {
        var result = Result(markdown: "")
        var blocks: [String] = []
        for cell in notebook.cells {
            switch cell {
            case .markdown(let text, let attachments):
                let trimmed = text.trimmingBlankLines
                if !trimmed.isEmpty { blocks.append(trimmed) }
                if !attachments.isEmpty {
                    blocks.append(
                        note("this cell's attached images (\(attachments.joined(separator: ", "))) are not imported"))
                    result.notes += 1
                }
            case .raw(let text):
                let trimmed = text.trimmingBlankLines
                if !trimmed.isEmpty { blocks.append(fenced(trimmed, info: "text")) }
            case .code(let source, let outputs):
                let code = source.trimmingBlankLines
                if code.isEmpty, outputs.isEmpty { continue }
                blocks.append(fenced(commentedOut(code), info: "swift-cell"))
                result.codeCells += 1
                let printed = outputs.compactMap { output -> String? in
                    if case .text(let text) = output { return text }
                    return nil
                }.joined()
                if !printed.isEmpty {
                    blocks.append(
                        fenced(printed.endsWithNewline ? String(printed.dropLast()) : printed, info: "output"))
                    result.documentedOutputs += 1
                }
                for output in outputs {
                    switch output {
                    case .image(let type):
                        blocks.append(note("the original showed a picture here (\(type)); draw it with `plt`"))
                    case .error(let name, let value):
                        let error = value.isEmpty ? name : "\(name): \(value)"
                        blocks.append(note("the original stopped here with \(error)"))
                    case .text, .stderr:
                        continue
                    }
                    result.notes += 1
                }
            }
        }
        result.markdown = blocks.joined(separator: "\n\n") + "\n"
        return result
    }

    /// The code as Swift line comments: `// ` and the line, `//` for a blank one.
    private func commentedOut(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            return line.allSatisfy(\.isWhitespace) ? "//" : "// " + line
        }.joined(separator: "\n")
    }

    private func fenced(_ text: String, info: String) -> String {
        let fence = Fence.backticks(for: text)
        return fence + info + "\n" + text + "\n" + fence
    }

    private func note(_ text: String) -> String {
        "> **nbrun import:** " + text + "."
    }
}

extension String {
    /// The text without blank lines at either end (and without the last line break).
    fileprivate var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
