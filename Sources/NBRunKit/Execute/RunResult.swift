/// Everything one run of a notebook produced, cell by cell.
public struct RunResult: Sendable {
    public var notebook: Notebook
    public var cells: [CellResult]
    /// Compiler diagnostics and parse warnings, already tied to notebook lines.
    public var diagnostics: [Diagnostic]

    /// True when every cell that should run ran without error.
    public var ok: Bool { cells.allSatisfy { $0.status == .ok || $0.status == .skipped } }
}

/// What happened to one cell.
public struct CellResult: Sendable {
    public enum Status: String, Sendable, Codable {
        case ok, error
        case notRun = "not-run"
        case skipped
    }

    public var cell: Cell
    public var status: Status
    public var stdout: String = ""
    public var stderr: String = ""
    public var error: CellError?
    /// The tensors this cell added or changed, in the order it changed them.
    public var tensors: [TensorSnapshot] = []
}

/// Why a cell failed, at the notebook line when known.
public struct CellError: Sendable, Equatable {
    public var message: String
    public var line: Int?
    /// The column, when the backtrace gives one.
    public var column: Int?
    /// The notebook line, quoted.
    public var sourceLine: String?
    /// The full diagnostics (compile errors) behind the failure, if any.
    public var diagnostics: [Diagnostic] = []
}

/// A named tensor as a cell left it.
public struct TensorSnapshot: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    /// Row-major values; nil stands for a value JSON can't hold (nan, inf).
    public var values: [Double]
    /// numpy's `str()` of the tensor.
    public var text: String
}
