import NBRuntime

/// Everything one run of a notebook produced, cell by cell.
public struct RunResult: Sendable {
    public var notebook: Notebook
    public var cells: [CellResult]
    /// What planning, compiling and running the notebook found (the planner's and the
    /// execution cache's warnings, the compiler's diagnostics), at notebook lines. The
    /// notebook's own warnings, from parsing it, are `notebook.diagnostics`, never repeated here.
    public var diagnostics: [Diagnostic]
}

/// What happened to one cell.
public struct CellResult: Sendable {
    public enum Status: String, Sendable, Codable {
        case ok, error
        case notRun = "not-run"
        case skipped
        /// A cell marked `expect=error` failed, as it should.
        case expectedError = "expected-error"
    }

    public var cell: Cell
    public var status: Status
    public var stdout: String = ""
    public var stderr: String = ""
    public var error: CellError?
    /// The tensors this cell added or changed, in the order it changed them.
    public var tensors: [TensorSnapshot] = []
    /// Why a `not-run` cell did not run, in a sentence.
    public var reason: String?
    /// Set when the cell printed something else the second time nbrun ran it (to go on
    /// after a failed cell); says so, since the output can't be trusted to repeat.
    public var rerunDiffers = false
    /// The cell printed more than nbrun keeps (`--max-output`); `stdout` ends with a note saying so.
    public var outputCut = false
    /// The figures the cell drew with `plt`, in order.
    public var figures: [Figure] = []
    /// What `nbrun inspect` recorded at the line it instrumented in this cell.
    public var inspections: [Inspection] = []
    /// In a student version, for an exercise cell: the figures the solution version's run
    /// drew in this cell, which its report shows as the expected ones.
    public var expectedFigures: [Figure] = []
    /// The code as highlighted HTML lines, from the plan's parse (nil when the cell wasn't planned).
    public var highlighted: [String]?
    /// Where the outputs come from when not from a run of the whole notebook as it is now;
    /// nil for a fresh run's.
    public var reuse: Reuse?

    /// Outputs that no fresh run of the notebook as it is made: shown marked, until one confirms them.
    public enum Reuse: String, Sendable, Codable {
        /// The outputs of an earlier run of the same code (the program didn't change).
        case earlierRun = "earlier-run"
        /// Run again on the state a checkpoint of an earlier run kept.
        case checkpoint
        /// Taken from the execution cache (a cell marked `cache=true`).
        case cache
    }

    public init(
        cell: Cell, status: Status, stdout: String = "", stderr: String = "", error: CellError? = nil,
        tensors: [TensorSnapshot] = [], reason: String? = nil
    ) {
        self.cell = cell
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.error = error
        self.tensors = tensors
        self.reason = reason
    }

    /// What a documented output of the cell is compared with: what it printed, and for an
    /// `expect=error` cell the error after it (see ``CellError/documentedText(in:)``).
    /// With `figures=check`, the figures' data follows (see `Figure.checkText(number:)`).
    public func comparableOutput(in notebook: Notebook) -> String {
        var text = stdout
        func append(_ more: String) {
            text += text.isEmpty || text.hasSuffix("\n") ? more : "\n" + more
        }
        if status == .expectedError, let error { append(error.documentedText(in: notebook)) }
        if cell.options.checkFigures {
            for (offset, figure) in figures.enumerated() { append(figure.checkText(number: offset + 1)) }
        }
        return text
    }
}

/// Why a cell failed, at the notebook line when known.
public struct CellError: Sendable, Equatable {
    public var message: String
    public var line: Int?
    /// The column, in characters, when known.
    public var column: Int?
    /// The notebook line, quoted.
    public var sourceLine: String?
    /// The full diagnostics (compile errors) behind the failure, if any.
    public var diagnostics: [Diagnostic] = []
    /// For a trap: the notebook lines that called the trapping one, innermost first; the
    /// last is the cell's own line.
    public var callers: [Diagnostic] = []

    public init(
        message: String, line: Int? = nil, column: Int? = nil, sourceLine: String? = nil,
        diagnostics: [Diagnostic] = [], callers: [Diagnostic] = []
    ) {
        self.message = message
        self.line = line
        self.column = column
        self.sourceLine = sourceLine
        self.diagnostics = diagnostics
        self.callers = callers
    }

    /// The error as a notebook documents it: its error lines alone, each placed by cell
    /// and line in the cell (`cell 3, line 2: error: …`, or `cell forward, line 2` for a
    /// cell with an id), so that editing the prose around it, or running it from another
    /// folder, doesn't change it. Notes, fix-its and a trap's callers are left out: they
    /// change with the compiler's version and its inlining, and the report shows them.
    public func documentedText(in notebook: Notebook) -> String {
        func line(_ diagnostic: Diagnostic) -> String {
            let place = diagnostic.location.map { notebook.cellPlace(ofLine: $0.line) + ": " } ?? ""
            return place + "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        }
        if !diagnostics.isEmpty {
            return diagnostics.filter { $0.severity == .error }.map(line).joined()
        }
        return line(Diagnostic(.error, message, at: self.line.map { SourceLocation(file: notebook.file, line: $0) }))
    }
}

extension Notebook {
    /// `cell 3, line 2` (or `cell forward, line 2` for a cell with an id) for a notebook line
    /// in a cell's code; `cell 3` for its fence; `line 40` outside every cell.
    func cellPlace(ofLine line: Int) -> String {
        guard let cell = cells.last(where: { $0.line <= line }),
            line <= cell.firstCodeLine + cell.source.utf8.newlineCount
        else { return "line \(line)" }
        let name = "cell " + (cell.options.id ?? String(cell.index))
        return line < cell.firstCodeLine ? name : "\(name), line \(line - cell.firstCodeLine + 1)"
    }
}

/// A named tensor as a cell left it.
public struct TensorSnapshot: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    /// Row-major values; nan and inf stay as they are.
    public var values: [Double]
    /// numpy's `str()` of the tensor, as `print` showed it in the notebook: summarised with
    /// `...` when it has more elements than the print options' threshold (numpy's 1000).
    public var text: String
    /// numpy's name for its type: `float64`, `int64` or `bool`.
    public var dtype: String = "float64"
    /// The print options `text` was written with.
    public var options = PrintOptions()
}
