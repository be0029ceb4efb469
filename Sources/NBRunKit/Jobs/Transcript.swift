import Foundation

/// What a job has to say about one notebook, in order, for the CLI to print: results
/// for stdout, and messages and diagnostics for stderr.
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
        /// A diagnostic, to be rendered (coloured on a terminal) on stdout or stderr.
        case diagnostic(Diagnostic, toStdout: Bool)
    }

    public private(set) var entries: [Entry] = []

    /// The two streams an entry goes to.
    public enum Stream: Sendable { case stdout, stderr }

    public init() {}

    mutating func result(_ text: String) { entries.append(.result(text)) }

    mutating func bytes(_ data: Data) { entries.append(.bytes(data)) }

    mutating func message(_ line: String) { entries.append(.message(line)) }

    mutating func diagnostic(_ diagnostic: Diagnostic, toStdout: Bool = false) {
        entries.append(.diagnostic(diagnostic, toStdout: toStdout))
    }

    /// The plain text of everything for stderr, for tests and logs.
    public var stderrText: String {
        entries.compactMap { entry in
            switch entry {
            case .message(let line): line + "\n"
            case .diagnostic(let diagnostic, false): diagnostic.formatted + "\n"
            default: nil
            }
        }.joined()
    }

    /// The plain text of everything for stdout.
    public var stdoutText: String {
        entries.compactMap { entry in
            switch entry {
            case .result(let text): text
            case .diagnostic(let diagnostic, true): diagnostic.formatted + "\n"
            default: nil
            }
        }.joined()
    }
}

extension Transcript.Entry {
    /// The stream this entry goes to.
    public var stream: Transcript.Stream {
        switch self {
        case .result, .bytes: .stdout
        case .message: .stderr
        case .diagnostic(_, let toStdout): toStdout ? .stdout : .stderr
        }
    }

    /// The bytes to write for this entry; `colored` says whether its stream takes ANSI colours.
    public func bytes(colored: Bool) -> Data {
        switch self {
        case .result(let text): Data(text.utf8)
        case .bytes(let data): data
        case .message(let line): Data((line + "\n").utf8)
        case .diagnostic(let diagnostic, _): Data(((colored ? diagnostic.colored : diagnostic.formatted) + "\n").utf8)
        }
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
