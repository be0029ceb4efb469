import Foundation

// Random notebooks for the property tests, and an independent reading of their lines.

// MARK: - Generators

/// SplitMix64: small, fast and the same on every platform.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func bytes(count: Int) -> [UInt8] {
        // Mostly Markdown-ish ASCII, so that random bytes reach past the first line.
        let interesting = Array("`~-#>*\n\r \t=swift-cell output{}[]$\\".utf8)
        return (0..<count).map { _ in chance(50) ? pick(interesting) : UInt8(truncatingIfNeeded: next()) }
    }

    /// What a cell might print: prose, numbers, fences, blank lines, trailing spaces.
    mutating func printedText() -> String {
        let pieces = [
            "0.5", "[1. 2.]", "hello", "```", "~~~", "````output", "  indented", "trailing  ",
            "", "tab\there", "é ∑ 😀", "$x$", "- item", "#", "    code"
        ]
        let lines = (0..<int(0...4)).map { _ in pick(pieces) }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + (chance(85) ? "\n" : "")
    }
}

/// Builds notebooks from Markdown fragments and remembers where it put each cell.
struct NotebookGenerator {
    /// Also make invalid options, duplicate ids, tabs, lone CRs and other oddities.
    var wild: Bool

    struct Generated {
        var text: String
        /// The lines of the fences that open cells, at the top level or nested.
        var cellLines: [Int]
        /// What the closed cells hold, as written.
        var cells: [ExpectedCell]
    }

    /// A closed cell as the generator wrote it.
    struct ExpectedCell {
        var line: Int
        /// The line of its closing fence.
        var closingLine: Int
        /// The code, without containers' prefixes and the fence's indentation.
        var source: String
        /// What stands in front of each line of code.
        var prefixes: [String]
        /// Whether an output block follows it.
        var documented: Bool
    }

    /// Lines of Markdown, with the closed cells among them.
    struct Fragment {
        var lines: [String] = []
        /// Each cell's opening fence (an index into `lines`), its code lines and their prefixes.
        var cells: [(opening: Int, closing: Int, code: [String], prefixes: [String])] = []
        /// The opening lines of the cells that have an output block.
        var documented: Set<Int> = []

        mutating func append(_ other: Fragment) {
            cells += other.cells.map { ($0.opening + lines.count, $0.closing + lines.count, $0.code, $0.prefixes) }
            documented.formUnion(other.documented.map { $0 + lines.count })
            lines += other.lines
        }

        /// Puts the fragment in a list item or block quote: `marker` before the first line,
        /// `continuation` before the others, and a blank line becomes `blank`.
        mutating func wrap(marker: String, continuation: String, blank: String) {
            for index in cells.indices {
                let cell = cells[index]
                cells[index].prefixes = cell.prefixes.enumerated().map { number, prefix in
                    lines[cell.opening + 1 + number].isEmpty ? blank : continuation + prefix
                }
            }
            lines = lines.enumerated().map { index, line in
                index == 0 ? marker + line : line.isEmpty ? blank : continuation + line
            }
        }
    }

    func make(_ random: inout SeededRandom) -> Generated {
        var notebook = Fragment()
        var cellLines: [Int] = []
        var nextID = 0
        if random.chance(20) {
            notebook.lines += [
                "---", "title: Generated", "nbrun:", "  match: " + random.pick(["numbers", "exact"]), "---"
            ]
        }
        for index in 0..<random.int(0...8) {
            if index > 0 || !notebook.lines.isEmpty { notebook.lines.append("") }
            switch random.int(0...11) {
            case 0: notebook.lines.append(random.pick(["# Title", "## Section $x$", "### Sub *emphasis*"]))
            case 1:
                notebook.lines += random.pick([
                    ["Prose with `code` and $a_b$."], ["A line  "], ["Two", "lines of prose"]
                ])
            case 2, 3, 4: notebook.append(cellWithOutput(&random, nextID: &nextID))
            case 5: notebook.lines += fencedBlock(&random, info: "output").lines
            case 6:
                notebook.lines +=
                    fencedBlock(
                        &random, info: random.pick(["swift", "python", "", "text", "swift-cells", "swift cells"])
                    ).lines
            case 7, 8: notebook.append(nestedCell(&random, nextID: &nextID))
            case 9: notebook.lines += ["    ```swift-cell", "    indented code, never a cell", "    ```"]
            case 10: notebook.lines += ["<div>", "```swift-cell", "</div>"]
            default: notebook.lines += ["| a | b |", "| - | - |", "| 1 | 2 |"]
            }
        }
        var lines = notebook.lines
        cellLines = notebook.cells.map { $0.opening + 1 }
        if random.chance(15) {
            // An unterminated fence runs to the end of the file.
            lines.append("")
            cellLines.append(lines.count + 1)
            lines += ["```swift-cell" + cellOptions(&random, nextID: &nextID), "print(\"unterminated\")"]
            if random.chance(50) { lines.append("") }
        }
        var text = lines.joined(separator: "\n")
        if !lines.isEmpty, random.chance(85) { text += "\n" }
        if wild {
            let oddities = [
                "```swift-cell colour=blue\n", "```swift-cell echo=maybe\n",
                "```swift-cell id=dup\nx\n```\n```swift-cell id=dup\n",
                "\t```swift-cell\n", "```output match=fuzzy\n", "\r", "---\n", "~~~\n", "\u{0}", "> ```swift cell\n",
                "- ```swift-cell\n"
            ]
            for _ in 0..<random.int(0...2) {
                let odd = random.pick(oddities)
                let position = random.int(0...text.unicodeScalars.count)
                var scalars = Array(text.unicodeScalars)
                scalars.insert(contentsOf: odd.unicodeScalars, at: position)
                text = String(String.UnicodeScalarView(scalars))
            }
        }
        if random.chance(30) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if random.chance(15) { text = "\u{FEFF}" + text }
        let cells = notebook.cells.map {
            ExpectedCell(
                line: $0.opening + 1, closingLine: $0.closing + 1,
                source: $0.code.map { $0 + "\n" }.joined(), prefixes: $0.prefixes,
                documented: notebook.documented.contains($0.opening))
        }
        return Generated(text: text, cellLines: cellLines, cells: cells)
    }

    /// A cell, in either spelling, and often its output block.
    private func cellWithOutput(_ random: inout SeededRandom, nextID: inout Int, indent: Int? = nil) -> Fragment {
        let spelling = random.chance(25) ? "swift cell" : "swift-cell"
        var fragment = fencedBlock(&random, info: spelling + cellOptions(&random, nextID: &nextID), indent: indent)
        if random.chance(50) {
            if random.chance(50) { fragment.lines.append("") }
            fragment.lines +=
                fencedBlock(&random, info: "output" + random.pick(["", " match=numbers", " match=exact rtol=1e-6"]))
                .lines
            fragment.documented = [0]
        }
        return fragment
    }

    /// A cell (and maybe its output) in a list item or block quote, one to three deep,
    /// with prose before and after it inside the container now and then.
    private func nestedCell(_ random: inout SeededRandom, nextID: inout Int) -> Fragment {
        var fragment = Fragment()
        if random.chance(50) {
            fragment.lines += [random.pick(["Step:", "Note $x$:", "**Bold** words"])] + (random.chance(50) ? [""] : [])
        }
        // Spaces after a list marker would join its padding, so a cell that opens an item is not indented.
        fragment.append(cellWithOutput(&random, nextID: &nextID, indent: fragment.lines.isEmpty ? 0 : nil))
        if random.chance(40) {
            fragment.lines += random.pick([["More text in the container."], ["", "A second paragraph."]])
        }
        var outermostIsList = false
        for _ in 0..<random.int(1...3) {
            if random.chance(50) {
                let marker = random.pick(["- ", "* ", "1. ", "2) ", "10. "])
                if fragment.lines.first?.first == ">" && random.chance(50) {
                    fragment.lines.insert("Item:", at: 0)
                    fragment.shiftCells()
                }
                fragment.wrap(marker: marker, continuation: String(repeating: " ", count: marker.count), blank: "")
                outermostIsList = true
            } else {
                fragment.wrap(marker: "> ", continuation: "> ", blank: ">")
                outermostIsList = false
            }
        }
        // Unindented text ends a list, so what comes next does not continue the item.
        if outermostIsList { fragment.lines += ["", "After the list."] }
        return fragment
    }

    /// ` id=… echo=false …`, valid unless the generator is wild.
    private func cellOptions(_ random: inout SeededRandom, nextID: inout Int) -> String {
        var words: [String] = []
        if random.chance(40) {
            nextID += 1
            words.append("id=cell\(nextID)")
        }
        for _ in 0..<random.int(0...2) {
            words.append(random.pick(["echo", "echo=false", "output=false", "eval=false", "tensors=true"]))
        }
        return words.isEmpty ? "" : " " + words.joined(separator: " ")
    }

    /// A closed fenced block of ``` or ~~~ of length 3…5, indented 0…3 (or `indent`), whose
    /// body never closes it early; its one entry in `cells` says what cmark should read.
    private func fencedBlock(_ random: inout SeededRandom, info: String, indent: Int? = nil) -> Fragment {
        let character: Character = random.chance(70) ? "`" : "~"
        let length = random.int(3...5)
        let indent = indent ?? (random.chance(80) ? 0 : random.int(1...3))
        let fence = String(repeating: character, count: length)
        var lines = [String(repeating: " ", count: indent) + fence + info]
        var code: [String] = []
        var prefixes: [String] = []
        for _ in 0..<random.int(0...4) {
            let line = random.pick([
                "print(1)", "let x = [1.0, 2.0]", "", "  indented", String(repeating: character, count: length - 1),
                String(repeating: character, count: length) + " not a close", character == "`" ? "~~~~~~" : "``````",
                "// é ∑ 😀", "trailing  "
            ])
            lines.append(line)
            // cmark removes up to the fence's indentation from each line of code.
            let removed = min(indent, line.prefix { $0 == " " }.count)
            code.append(String(line.dropFirst(removed)))
            prefixes.append(String(repeating: " ", count: removed))
        }
        // A closing fence may be longer than the opening one, indented, with trailing spaces.
        lines.append(
            String(repeating: " ", count: random.int(0...3)) + fence
                + (random.chance(20) ? String(character) : "") + (random.chance(20) ? "  " : ""))
        return Fragment(lines: lines, cells: [(0, lines.count - 1, code, prefixes)])
    }
}

extension NotebookGenerator.Fragment {
    /// Moves the cells down one line, after a line was put first.
    mutating func shiftCells() {
        cells = cells.map { ($0.opening + 1, $0.closing + 1, $0.code, $0.prefixes) }
        documented = Set(documented.map { $0 + 1 })
    }
}

// MARK: - An independent reading of the file

/// The file's lines as a reader counts them: after a byte order mark, cut at LF or CRLF.
struct FileLines {
    private var lines: [Substring] = []
    private var raws: [Substring] = []

    init(_ text: String) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        var start = body.unicodeScalars.startIndex
        let scalars = body.unicodeScalars
        var index = start
        while index < scalars.endIndex {
            if scalars[index] == "\n" {
                let next = scalars.index(after: index)
                let raw = Substring(scalars[start..<next])
                raws.append(raw)
                var line = raw.dropLast()
                if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
                lines.append(line)
                start = next
            }
            index = scalars.index(after: index)
        }
        if start < scalars.endIndex {
            raws.append(Substring(scalars[start...]))
            lines.append(Substring(scalars[start...]))
        }
    }

    var count: Int { lines.count }
    subscript(number: Int) -> String { number >= 1 && number <= lines.count ? String(lines[number - 1]) : "" }
    func raw(_ range: ClosedRange<Int>) -> String {
        range.filter { $0 >= 1 && $0 <= raws.count }.map { String(raws[$0 - 1]) }.joined()
    }
}

/// An opening code fence, read by CommonMark's rules.
struct Fence {
    var character: Character
    var length: Int
    var indent: Int

    init?(opening line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        self.character = first
        self.length = length
        self.indent = indent
    }

    func isClosed(by line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
