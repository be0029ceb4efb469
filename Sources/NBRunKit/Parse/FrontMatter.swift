import Yams

/// YAML front matter: a `---` line at the very top, YAML, then a `---` or `...` line.
///
/// nbrun reads only its own section, for comparison defaults:
///
/// ```yaml
/// ---
/// nbrun:
///   match: numbers
///   rtol: 1e-6
/// ---
/// ```
enum FrontMatter {
    /// The line that closes the front matter, or nil when the file has none.
    static func end(in lines: SourceLines) -> Int? {
        guard lines.count >= 2, lines[1] == "---" else { return nil }
        return (2...lines.count).first { lines[$0] == "---" || lines[$0] == "..." }
    }

    static func outputOptions(in text: String, file: String) throws(ParseError) -> OutputOptions {
        let yaml = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast(2)
            .joined(separator: "\n")
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch {
            throw .badFrontMatter("the front matter is not valid YAML: \(error)",
                                  at: SourceLocation(file: file, line: 1), sourceLine: "---")
        }
        guard let section = node?.mapping?["nbrun"] else { return OutputOptions() }
        guard let mapping = section.mapping else {
            throw .badFrontMatter("the front matter's 'nbrun' entry must be a mapping of match, rtol, atol",
                                  at: SourceLocation(file: file, line: (section.mark?.line ?? 1) + 1),
                                  sourceLine: "nbrun:")
        }
        var options = OutputOptions()
        for (key, value) in mapping {
            guard let name = key.string, let scalar = value.scalar?.string else { continue }
            do { try options.set(name, scalar) } catch {
                let line = (key.mark?.line ?? 1) + 1  // marks count from 1, and the YAML starts on line 2
                throw .badFrontMatter(error.message, at: SourceLocation(file: file, line: line),
                                      sourceLine: String(text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]))
            }
        }
        return options
    }
}
