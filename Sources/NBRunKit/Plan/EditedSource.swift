/// A cell's code with the planner's edits: renamed names, and the calls that report a
/// binding's value early.
///
/// No edit spans a line break, so the edited text has the same lines as the original,
/// and a column in the edited text maps back to the column the author sees.
struct EditedSource: Sendable, Equatable {
    var original: String
    private(set) var edits: [SourceEdit] = []

    init(_ original: String) {
        self.original = original
    }

    struct SourceEdit: Sendable, Equatable {
        /// UTF-8 offsets in the original; empty for an insertion.
        var range: Range<Int>
        var replacement: String
        /// Only for the program that runs (reporting values early); not needed to type-check.
        var isReporting: Bool
    }

    mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append(SourceEdit(range: range, replacement: text, isReporting: false))
    }

    mutating func insert(_ text: String, at offset: Int, reporting: Bool = false) {
        edits.append(SourceEdit(range: offset..<offset, replacement: text, isReporting: reporting))
    }

    /// The edited text, with or without the reporting edits, and for each line (0-based)
    /// that changed, how its columns map back.
    func text(reporting: Bool) -> (text: String, columns: [Int: ColumnMap]) {
        let edited = editedText(reporting: reporting)
        return (edited.text, edited.columns)
    }

    /// The edited text and its column maps, and where each original UTF-8 offset went.
    func editedText(reporting: Bool) -> Edited {
        // Insertions before replacements at the same offset, so `f(` lands before a renamed token.
        let chosen = edits.enumerated()
            .filter { reporting || !$0.element.isReporting }
            .sorted { a, b in
                (a.element.range.lowerBound, a.element.range.isEmpty ? 0 : 1, a.offset)
                    < (b.element.range.lowerBound, b.element.range.isEmpty ? 0 : 1, b.offset)
            }
            .map(\.element)
        let bytes = Array(original.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + chosen.count * 16)
        var columns: [Int: ColumnMap] = [:]
        var line = 0
        var lineStart = 0
        var outputLineStart = 0
        var position = 0
        // Where each original offset lands; for offsets an edit replaced, where the edit ends.
        var before = [Int](repeating: -1, count: bytes.count + 1)
        var after = [Int](repeating: -1, count: bytes.count + 1)
        func copy(upTo end: Int) {
            while position < end {
                if before[position] < 0 { before[position] = output.count }
                after[position] = output.count
                output.append(bytes[position])
                if bytes[position] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = position + 1
                    outputLineStart = output.count
                }
                position += 1
            }
        }
        for edit in chosen where edit.range.lowerBound >= position {
            copy(upTo: edit.range.lowerBound)
            if before[position] < 0 { before[position] = output.count }
            let shift = ColumnMap.Shift(
                generated: output.count - outputLineStart + 1, original: position - lineStart + 1,
                generatedLength: edit.replacement.utf8.count, originalLength: edit.range.count)
            columns[line, default: ColumnMap()].shifts.append(shift)
            output.append(contentsOf: edit.replacement.utf8)
            for replaced in edit.range {
                before[replaced] = output.count
                after[replaced] = output.count
            }
            position = edit.range.upperBound
            // What was inserted here belongs to a range that ends here.
            if edit.range.isEmpty { after[position] = output.count }
        }
        copy(upTo: bytes.count)
        if before[bytes.count] < 0 { before[bytes.count] = output.count }
        after[bytes.count] = output.count
        return Edited(
            text: String(decoding: output, as: UTF8.self), columns: columns, offsetsBefore: before,
            offsetsAfter: after)
    }

    /// A cell's code with the edits made.
    struct Edited {
        var text: String
        /// For each line (0-based) that changed, how its columns map back.
        var columns: [Int: ColumnMap]
        /// For each original UTF-8 offset, where it is in `text`, before anything inserted there.
        var offsetsBefore: [Int]
        /// The same, after what was inserted there (a range that ends at the offset takes it in).
        var offsetsAfter: [Int]

        /// Where an original range is in `text`, with what was inserted inside it or at its end.
        func range(of original: Range<Int>) -> Range<Int> {
            offsetsBefore[original.lowerBound]..<offsetsAfter[original.upperBound]
        }
    }
}

/// How the byte columns of one edited line map back to the original line's.
struct ColumnMap: Sendable, Equatable {
    struct Shift: Sendable, Equatable {
        /// 1-based byte columns where the edit starts, in the edited and the original line.
        var generated: Int
        var original: Int
        var generatedLength: Int
        var originalLength: Int
    }

    /// In order along the line.
    var shifts: [Shift] = []

    /// The original column for an edited one. A column inside an edit maps to the start of
    /// what the edit replaced, so a caret under a renamed name sits under the author's name.
    func original(_ column: Int) -> Int {
        var delta = 0
        for shift in shifts {
            if column < shift.generated { break }
            if column < shift.generated + shift.generatedLength { return shift.original }
            delta = shift.original + shift.originalLength - (shift.generated + shift.generatedLength)
        }
        return column + delta
    }

    /// The edited column for an original one: the inverse of ``original(_:)``. A column
    /// inside what an edit replaced maps to the same distance into the replacement (kept
    /// inside it), so a cursor in a renamed name stays in the new name.
    func generated(_ column: Int) -> Int {
        var delta = 0
        for shift in shifts {
            if column < shift.original { break }
            if column < shift.original + shift.originalLength {
                return shift.generated + min(column - shift.original, shift.generatedLength)
            }
            delta = shift.generated + shift.generatedLength - (shift.original + shift.originalLength)
        }
        return column + delta
    }
}
