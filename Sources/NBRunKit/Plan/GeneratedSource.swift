/// A notebook's program as Swift tools outside nbrun read it (sourcekit-lsp, behind
/// `nbrun lsp`), with positions mapped both ways by ``ProgramLocations``, the one place
/// that knows how the program is laid out.
///
/// The program holds every planned cell, without the calls that report values early, so
/// it type-checks as the author's code alone would. Lines and columns are 1-based, and
/// columns count UTF-8 bytes of their line (an editor's own encoding is the caller's to
/// convert). A place outside every cell's code (prose, fences, nbrun's glue lines) maps
/// to nothing, so no Swift answer is ever given for it.
public struct GeneratedSource: Sendable {
    /// The program's files: names (relative to its folder) and texts.
    public let files: [(name: String, text: String)]
    private let locations: ProgramLocations

    /// A place in the notebook: a 1-based line and a 1-based UTF-8 column.
    public struct Point: Sendable, Hashable {
        public var line: Int
        public var utf8Column: Int

        public init(line: Int, utf8Column: Int) {
            self.line = line
            self.utf8Column = utf8Column
        }
    }

    public init(_ notebook: Notebook, plan: NotebookPlan) {
        let program = Program(plan, notebook: notebook, reporting: false)
        files = program.files.map { ($0.name, $0.text) }
        locations = ProgramLocations(program: program, plan: plan, notebook: notebook)
    }

    /// The text of the file `name`; empty for a file the program doesn't have.
    public func text(of name: String) -> String {
        files.first { $0.name == name }?.text ?? ""
    }

    /// The program's place for a place in the notebook; nil outside the cells' code.
    public func programPlace(for point: Point) -> ProgramPlace? {
        locations.programPlace(notebookLine: point.line, utf8Column: point.utf8Column)
    }

    /// The notebook's place for a place in the program; nil in nbrun's own lines.
    public func notebookPoint(for place: ProgramPlace) -> Point? {
        locations.notebookPlace(of: place).map { Point(line: $0.line, utf8Column: $0.utf8Column) }
    }

    /// `text` with the generated names of shadowing declarations turned back into the author's.
    public func userText(_ text: String) -> String {
        locations.userText(text)
    }
}

extension GeneratedSource {
    /// The program of a notebook's text (an editor's buffer), planned with `syntax`.
    public init(parsing text: String, file: String, syntax: SyntaxCache) throws(ParseError) {
        let notebook = try Notebook(parsing: text, file: file)
        self.init(notebook, plan: NotebookPlan(notebook, syntax: syntax))
    }
}
