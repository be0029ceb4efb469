/// A unified diff of two texts, line by line, like `diff -u`.
public enum UnifiedDiff {
    /// The hunks of differences with `context` lines around them, under `---`/`+++` headers.
    /// Empty when the texts have the same lines.
    public static func make(
        expected: String, actual: String, expectedName: String, actualName: String,
        context: Int = 3
    ) -> String {
        let a = lines(expected)
        let b = lines(actual)
        let edits = script(a, b)
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        var output = "--- \(expectedName)\n+++ \(actualName)\n"
        var index = 0
        while index < edits.count {
            guard let change = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(change - context, index)
            var end = change
            // Extend the hunk while the next change is within 2×context of this one.
            while end < edits.count {
                guard let next = edits[end...].firstIndex(where: { $0.kind != .same }) else { break }
                if next - end > 2 * context && end != change { break }
                end = next + 1
                while end < edits.count, edits[end].kind != .same { end += 1 }
            }
            let stop = min(end + context, edits.count)
            let hunk = edits[start..<stop]
            let oldStart = (hunk.first?.oldLine ?? 0)
            let newStart = (hunk.first?.newLine ?? 0)
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            output +=
                "@@ -\(oldStart + (oldCount == 0 ? 0 : 1)),\(oldCount) +\(newStart + (newCount == 0 ? 0 : 1)),\(newCount) @@\n"
            for edit in hunk {
                output += "\(edit.kind.rawValue)\(edit.text)\n"
            }
            index = stop
        }
        return output
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    struct Edit {
        enum Kind: String {
            case same = " "
            case delete = "-"
            case insert = "+"
        }
        var kind: Kind
        var text: String
        /// 0-based positions in the old and new texts where this edit stands.
        var oldLine: Int
        var newLine: Int
    }

    /// An edit script from the standard library's diff (Myers's algorithm): linear memory,
    /// and fast when outputs mostly agree, however long they are.
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var edits: [Edit] = []
        edits.reserveCapacity(a.count + inserted.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                edits.append(Edit(kind: .delete, text: a[i], oldLine: i, newLine: j))
                i += 1
            } else if j < b.count, inserted.contains(j) || i == a.count {
                edits.append(Edit(kind: .insert, text: b[j], oldLine: i, newLine: j))
                j += 1
            } else {
                edits.append(Edit(kind: .same, text: a[i], oldLine: i, newLine: j))
                i += 1
                j += 1
            }
        }
        return edits
    }
}
