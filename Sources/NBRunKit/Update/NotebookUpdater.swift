/// Rewrites a notebook's documented outputs with what its cells printed.
///
/// Only the content lines of `output` blocks that no longer match change (and, with
/// `addMissing`, new blocks are inserted after cells that printed something but
/// document nothing). Every other byte stays: line endings, trailing spaces, fence
/// length and character, indentation, front matter. A notebook whose cells did not
/// all compile is never changed.
public struct NotebookUpdater: Sendable {
    public var addMissing: Bool

    public init(addMissing: Bool = false) {
        self.addMissing = addMissing
    }

    /// A notebook's new text, and how many output blocks were rewritten and added.
    public struct Rewrite: Sendable, Equatable {
        public var text: String
        public var rewritten: Int
        public var added: Int
    }

    /// The notebook's new text with counts of what changed, or nil when nothing needs to
    /// change (or nothing may).
    public func rewrite(_ check: CheckResult) -> Rewrite? {
        let notebook = check.run.notebook
        if check.run.diagnostics.contains(where: { $0.severity == .error }) { return nil }
        var verdicts: [Int: Verdict] = [:]
        for verdict in check.verdicts { verdicts[verdict.cell.index] = verdict }
        let documented = Set(notebook.documentedOutputs.keys)
        var rewritten = 0
        var added = 0
        var text = notebook.hasByteOrderMark ? "\u{FEFF}" : ""
        for block in notebook.blocks {
            switch block {
            case .output(let output):
                if let verdict = verdicts[output.cellIndex], verdict.kind == .failed {
                    text += Self.rewrite(output, with: verdict.actual)
                    rewritten += 1
                } else {
                    text += output.rawText
                }
            case .cell(let cell):
                text += cell.rawText
                // After an unterminated cell, a new block would become part of its code.
                if addMissing, !documented.contains(cell.index), cell.isTerminated, let verdict = verdicts[cell.index],
                    verdict.kind == .unchecked, !verdict.actual.isEmpty
                {
                    text += Self.newBlock(after: cell, content: verdict.actual)
                    added += 1
                }
            default:
                text += block.rawText
            }
        }
        return rewritten + added > 0 ? Rewrite(text: text, rewritten: rewritten, added: added) : nil
    }

    /// The output block with its content replaced, its fences, indentation and
    /// containers (list indentation, `>` markers) kept.
    static func rewrite(_ output: DocumentedOutput, with actual: String) -> String {
        let lines = SourceLines(output.rawText)
        let newline = output.rawText.contains("\r\n") ? "\r\n" : "\n"
        let prefix = output.continuationPrefix
        let opening = lines.text(from: 1, through: 1)
        let closing =
            output.isTerminated && lines.count >= 2
            ? lines.text(from: lines.count, through: lines.count)
            : prefix + String(repeating: output.fence, count: output.fenceLength) + newline
        let fenceLength = max(output.fenceLength, Fence.longestRun(of: output.fence, in: actual) + 1)
        let lengthen = { (line: String) -> String in
            guard fenceLength > output.fenceLength,
                let range = line.range(of: String(repeating: output.fence, count: output.fenceLength))
            else { return line }
            return line.replacingCharacters(in: range, with: String(repeating: output.fence, count: fenceLength))
        }
        return lengthen(opening) + body(actual, prefix: prefix, newline: newline)
            + lengthen(closing.endsWithNewline ? closing : closing + newline)
    }

    /// A new `output` block, separated from the cell by a blank line, in the cell's list
    /// items and block quotes and at its fence's indentation.
    static func newBlock(after cell: Cell, content: String) -> String {
        let newline = cell.rawText.contains("\r\n") ? "\r\n" : "\n"
        let prefix = cell.continuationPrefix
        let fence = prefix + Fence.backticks(for: content)
        let lead = cell.rawText.endsWithNewline ? "" : newline
        return lead + ContainerPrefix.blankLine(continuing: prefix) + newline + fence + "output" + newline
            + body(content, prefix: prefix, newline: newline) + fence + newline
    }

    /// The lines of `text`, each after `prefix`; a blank line gets only the `>` markers.
    private static func body(_ text: String, prefix: String, newline: String) -> String {
        let blank = ContainerPrefix.blankLine(continuing: prefix)
        return contentLines(text).map { ($0.isEmpty ? blank : prefix + $0) + newline }.joined()
    }

    private static func contentLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
