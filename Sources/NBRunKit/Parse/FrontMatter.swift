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

    /// Yams's problem in one line, and the 1-based YAML line it names, if any.
    private static func describe(_ error: Error) -> (String, Int?) {
        switch error as? YamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // The context ("while parsing a flow sequence") marks where the faulty construct starts.
            return ([context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "),
                    context?.mark.line ?? mark.line)
        default:
            return (String(describing: error).split(separator: "\n").first.map(String.init) ?? "", nil)
        }
    }

    static func outputOptions(in text: String, file: String) throws(ParseError) -> OutputOptions {
        let lines = SourceLines(text)
        let yaml = lines.text(from: 2, through: lines.count - 1)  // between the two fences
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch {
            let (problem, yamlLine) = describe(error)
            let line = yamlLine.map { $0 + 1 } ?? 1  // the YAML starts on the file's line 2
            throw .badFrontMatter("the front matter is not valid YAML: \(problem)",
                                  at: SourceLocation(file: file, line: line),
                                  sourceLine: lines[line])
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
                                      sourceLine: lines[line])
            }
        }
        return options
    }
}
