import Yams

/// YAML front matter: a `---` line at the very top, YAML, then a `---` or `...` line.
///
/// nbrun reads only its own section: comparison defaults and how the notebook runs.
///
/// ```yaml
/// ---
/// nbrun:
///   match: numbers
///   rtol: 1e-6
///   keep-going: true
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

    /// The settings in the `nbrun:` section.
    static func settings(in text: String, file: String) throws(ParseError) -> NotebookSettings {
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
        guard let section = node?.mapping?["nbrun"] else { return NotebookSettings() }
        guard let mapping = section.mapping else {
            throw .badFrontMatter("the front matter's 'nbrun' entry must be a mapping of settings, such as match: numbers",
                                  at: SourceLocation(file: file, line: (section.mark?.line ?? 1) + 1),
                                  sourceLine: "nbrun:")
        }
        var settings = NotebookSettings()
        for (key, value) in mapping {
            guard let name = key.string, let scalar = value.scalar?.string else { continue }
            do throws(CellOptions.OptionError) {
                switch name {
                case "keep-going":
                    guard let flag = Bool(scalar) else {
                        throw CellOptions.OptionError("keep-going takes true or false, not '\(scalar)'")
                    }
                    settings.keepGoing = flag
                case "match", "rtol", "atol":
                    try settings.outputDefaults.set(name, scalar)
                default:
                    throw CellOptions.OptionError(
                        "unknown nbrun setting '\(name)'; known settings: match, rtol, atol, keep-going")
                }
            } catch {
                let line = (key.mark?.line ?? 1) + 1  // marks count from 1, and the YAML starts on line 2
                throw .badFrontMatter(error.message, at: SourceLocation(file: file, line: line),
                                      sourceLine: lines[line])
            }
        }
        return settings
    }
}

/// What a notebook's front matter says about running and checking it.
public struct NotebookSettings: Sendable, Equatable {
    /// Defaults for comparing documented outputs.
    public var outputDefaults = OutputOptions()
    /// After a cell traps, run the later cells that don't depend on it.
    public var keepGoing = false

    public init() {}
}
