import Foundation

/// What a job has to say about one notebook, in order, for the CLI to print: results
/// for stdout, and messages, errors and diagnostics for stderr. How each looks on a
/// terminal is the CLI's business (`Transcript+Terminal.swift` in `nbrun`).
///
/// Notebooks handled in parallel each keep their own transcript, so their lines stay together.
public struct Transcript: Sendable {
    public enum Entry: Sendable, Equatable {
        /// A result, for stdout (a report, a check's findings).
        case result(String)
        /// Bytes for stdout (a PDF).
        case bytes(Data)
        /// A message for stderr, a whole line.
        case message(String)
        /// What went wrong, for stderr: `can't read the template`. The CLI words it as an
        /// error (`nbrun: error: …`); the library only says what it is.
        case error(String)
        /// A diagnostic, to be rendered (coloured on a terminal) on stdout or stderr.
        case diagnostic(Diagnostic, toStdout: Bool)
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    mutating func result(_ text: String) { entries.append(.result(text)) }

    mutating func bytes(_ data: Data) { entries.append(.bytes(data)) }

    mutating func message(_ line: String) { entries.append(.message(line)) }

    mutating func error(_ text: String) { entries.append(.error(text)) }

    mutating func diagnostic(_ diagnostic: Diagnostic, toStdout: Bool = false) {
        entries.append(.diagnostic(diagnostic, toStdout: toStdout))
    }
}

/// What a job did: a transcript per notebook, a closing line, and the exit status.
public struct JobOutcome: Sendable {
    public var transcripts: [Transcript]
    /// The line that sums up several notebooks (none for one).
    public var summary: String?
    public var status: ExitStatus

    public init(transcripts: [Transcript] = [], summary: String? = nil, status: ExitStatus = .success) {
        self.transcripts = transcripts
        self.summary = summary
        self.status = status
    }
}

/// Progress to show while a notebook runs, on a terminal.
public enum ProgressEvent: Sendable {
    case compiling(file: String)
    /// Cell `index` of `count` began, `seconds` after the notebook's run started.
    case cell(file: String, index: Int, count: Int, label: String, seconds: Double)
    case finished(file: String)
}

extension ProgressEvent {
    /// The progress line a terminal shows for this event (empty when a notebook is done).
    public var line: String {
        switch self {
        case .compiling(let file): "compiling \(file)"
        case let .cell(_, index, count, label, seconds):
            "[\(index)/\(count)] \(label)  " + String(format: "%.1fs", seconds)
        case .finished: ""
        }
    }
}

/// Where progress goes; nil shows none.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
