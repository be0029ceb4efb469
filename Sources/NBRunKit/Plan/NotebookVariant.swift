import Foundation

extension Notebook {
    /// The placeholder and the stub that stand for a solution in the student version.
    static let placeholder = "// Your code here", stub = "fatalError(\"exercise\")"
    static let prosePlaceholder = "*Your answer here.*"

    /// This notebook as `variant`, a notebook of its own with ``versionInfo`` set; the notebook
    /// itself when it marks no solutions.
    ///
    /// With `disablingExercises` (the student version to show, not to type-check), the
    /// exercise cells get `eval=false`, so they don't run. Finding the cells that depend on
    /// an exercise parses the cells through `syntax`, the cache the run itself reads (so a
    /// student version parses none of them twice). Throws ``ParseError`` for a marker
    /// without its pair.
    public func version(
        _ variant: Variant, disablingExercises: Bool = true, syntax: SyntaxCache = SyntaxCache(directory: nil)
    ) throws(ParseError) -> Notebook {
        let markers = try SolutionMarkers(self)
        guard !markers.isEmpty else { return self }
        let lines = SourceLines(blocks.map(\.rawText).joined())
        var edits: [Int: LineEdit] = [:]
        var exercises: Set<Int> = []
        switch variant {
        case .solution:
            for region in markers.codeRegions {
                edits[region.begin] = .drop
                edits[region.end] = .drop
            }
            // A blank line, not none: the marker may be all that separates two paragraphs.
            for region in markers.proseRegions {
                for marker in [region.lowerBound, region.upperBound] {
                    edits[marker] = .replace([
                        ContainerPrefix.blankLine(continuing: Self.indentation(of: lines[marker]))
                    ])
                }
            }
        case .student:
            let solutions = markers.solutionCells.union(markers.codeRegions.map(\.cell))
            exercises = solutions.union(NotebookPlan(self, syntax: syntax).dependents(of: solutions).keys)
            for cell in cells where exercises.contains(cell.index) && disablingExercises {
                edits[cell.line] = .replace([lines[cell.line] + " eval=false"])
            }
            for region in markers.codeRegions where !markers.solutionCells.contains(region.cell) {
                let indent = String(lines[region.begin].prefix { $0 != "/" })
                edits[region.begin] = .replace([indent + Self.placeholder, indent + Self.stub])
                for line in (region.begin + 1)...region.end { edits[line] = .drop }
            }
            for cell in cells
            where markers.solutionCells.contains(cell.index) && !markers.cellsInProse.contains(cell.index) {
                let first = cell.firstCodeLine
                let count = cell.linePrefixes.count
                let code = count > 0 ? lines[first] : cell.continuationPrefix
                let indent = String(code.prefix { $0 == " " || $0 == "\t" || $0 == ">" })
                let stand = [indent + Self.placeholder, indent + Self.stub]
                if count == 0 {
                    edits[cell.line] = .replace([lines[cell.line] + (disablingExercises ? " eval=false" : "")] + stand)
                } else {
                    edits[first] = .replace(stand)
                    for line in first..<(first + count) where line != first { edits[line] = .drop }
                }
            }
            for region in markers.proseRegions {
                let prefix = Self.indentation(of: lines[region.lowerBound])
                let blank = ContainerPrefix.blankLine(continuing: prefix)
                edits[region.lowerBound] = .replace([blank, prefix + Self.prosePlaceholder, blank])
                for line in region.dropFirst() { edits[line] = .drop }
            }
        }
        var text = ""
        var origins: [Int] = []
        for number in 1...max(lines.count, 1) {
            let line = lines.text(from: number, through: number)
            let terminator = ["\r\n", "\n", "\r"].first { line.hasSuffix($0) } ?? ""
            switch edits[number] {
            case nil:
                text += line
                origins.append(number)
            case .drop:
                continue
            case .replace(let replacement):
                let separator = terminator.isEmpty ? "\n" : terminator
                text += replacement.joined(separator: separator) + terminator
                origins += Array(repeating: number, count: replacement.count)
            }
        }
        var version = try Notebook(parsing: (hasByteOrderMark ? "\u{FEFF}" : "") + text, file: file)
        let exerciseLines = Set(cells.filter { exercises.contains($0.index) }.map(\.line))
        version.versionInfo = VersionInfo(
            variant: variant, originalLines: origins,
            exercises: Set(version.cells.filter { exerciseLines.contains(origins[$0.line - 1]) }.map(\.index)))
        return version
    }

    /// `diagnostic` (and its notes) pointing at the notebook this version came from.
    public func originalDiagnostic(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let version = versionInfo else { return diagnostic }
        var moved = diagnostic
        if let line = diagnostic.location?.line, version.originalLines.indices.contains(line - 1) {
            moved.location?.line = version.originalLines[line - 1]
        }
        moved.notes = diagnostic.notes.map(originalDiagnostic)
        return moved
    }

    private enum LineEdit {
        case drop
        case replace([String])
    }

    /// What stands before a marker on its line: indentation and `>` markers.
    private static func indentation(of line: String) -> String {
        String(line.prefix { $0 == " " || $0 == "\t" || $0 == ">" })
    }
}
