import Yams

/// YAML front matter: a `---` line at the very top, YAML, then a `---` or `...` line.
///
/// nbrun reads its own section (comparison defaults, how the notebook runs, KaTeX macros
/// for its formulas, whether its report is a handout and which tensors it shows) and the
/// top-level `lang:`, the language the notebook is written in.
///
/// ```yaml
/// ---
/// nbrun:
///   match: numbers
///   rtol: 1e-6
///   keep-going: true
///   handout: true
///   tensors: none
///   cache: true
///   macros:
///     \vx: \mathbf{x}
///     \norm: \left\lVert #1 \right\rVert
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
            return (
                [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "),
                context?.mark.line ?? mark.line
            )
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
            throw .badFrontMatter(
                "the front matter is not valid YAML: \(problem)",
                at: SourceLocation(file: file, line: line),
                sourceLine: lines[line])
        }
        var language: String?
        if let lang = node?.mapping?["lang"] {
            // Pandoc's and Quarto's key, at the top level: the language the notebook is written in.
            guard let code = lang.scalar?.string, code.wholeMatch(of: /[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*/) != nil else {
                throw .badFrontMatter(
                    "lang takes a language tag, such as en, fr or pt-BR",
                    at: SourceLocation(file: file, line: line(of: lang)), sourceLine: lines[line(of: lang)])
            }
            language = code
        }
        guard let section = node?.mapping?["nbrun"] else {
            var settings = NotebookSettings()
            settings.lang = language
            return settings
        }
        guard let mapping = section.mapping else {
            throw .badFrontMatter(
                "the front matter's 'nbrun' entry must be a mapping of settings, such as match: numbers",
                at: SourceLocation(file: file, line: (section.mark?.line ?? 1) + 1),
                sourceLine: "nbrun:")
        }
        var settings = NotebookSettings()
        settings.lang = language
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if name == "macros" {
                settings.macros = try macros(in: value, key: key, file: file, lines: lines)
                continue
            }
            guard let scalar = value.scalar?.string else { continue }
            do throws(CellOptions.OptionError) {
                switch name {
                case "keep-going", "handout", "cache":
                    guard let flag = Bool(scalar) else {
                        throw CellOptions.OptionError("\(name) takes true or false, not '\(scalar)'")
                    }
                    switch name {
                    case "handout": settings.handout = flag
                    case "cache": settings.cache = flag
                    default: settings.keepGoing = flag
                    }
                case "match", "rtol", "atol":
                    try settings.outputDefaults.set(name, scalar)
                case "tensors":
                    settings.tensors = try TensorDisplay(option: name, scalar)
                default:
                    throw CellOptions.OptionError(
                        "unknown nbrun setting '\(name)'; known settings: match, rtol, atol, keep-going, handout, tensors, cache, macros"
                    )
                }
            } catch {
                throw .badFrontMatter(
                    error.message, at: SourceLocation(file: file, line: line(of: key)),
                    sourceLine: lines[line(of: key)])
            }
        }
        return settings
    }

    /// The notebook line of a YAML node: marks count from 1, and the YAML starts on line 2.
    private static func line(of node: Node) -> Int {
        (node.mark?.line ?? 1) + 1
    }

    /// `macros:`, a mapping of KaTeX macros such as `\vx: \mathbf{x}` (the backslash of the
    /// name may be left out).
    private static func macros(
        in node: Node, key: Node, file: String,
        lines: SourceLines
    ) throws(ParseError) -> [String: String] {
        func problem(_ message: String, at node: Node) -> ParseError {
            .badFrontMatter(
                message, at: SourceLocation(file: file, line: line(of: node)),
                sourceLine: lines[line(of: node)])
        }
        guard let mapping = node.mapping else {
            throw problem("macros takes a mapping of TeX commands, such as \\vx: \\mathbf{x}", at: key)
        }
        var macros: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let expansion = value.scalar?.string else {
                throw problem("each macro is a command and its TeX, such as \\vx: \\mathbf{x}", at: key)
            }
            let command = name.hasPrefix("\\") ? name : "\\" + name
            guard command.dropFirst().wholeMatch(of: /[A-Za-z]+|[^A-Za-z\s]/) != nil else {
                throw problem("'\(name)' can't name a TeX command: use letters only, as in \\vx", at: key)
            }
            macros[command] = expansion
        }
        return macros
    }
}

/// What a notebook's front matter says about running and checking it.
public struct NotebookSettings: Sendable, Equatable {
    /// Defaults for comparing documented outputs.
    public var outputDefaults = OutputOptions()
    /// After a cell traps, run the later cells that don't depend on it.
    public var keepGoing = false
    /// KaTeX macros for every formula of the prose: `\vx` → `\mathbf{x}`.
    public var macros: [String: String] = [:]
    /// `handout: true`: the HTML report leaves out nbrun's own chrome, as `--clean` does.
    public var handout = false
    /// `tensors: all | changed | none`: which tensors the report shows for a cell without
    /// a `tensors=` option of its own.
    public var tensors = TensorDisplay.changed
    /// `cache: true`: every cell is marked `cache=true` unless it says `cache=false`.
    public var cache = false
    /// The top-level `lang:` (not under `nbrun:`, as Pandoc and Quarto have it): the
    /// language the notebook is written in, for the report's `<html lang>`.
    public var lang: String?

    public init() {}
}
