import Foundation
import NBRunKit

/// How a job's transcript looks on the terminal: the one place that words an error as
/// nbrun's (`nbrun: error: …`) and decides which stream each entry goes to.
extension Transcript.Entry {
    /// The two streams an entry goes to.
    enum Stream { case stdout, stderr }

    /// The prefix of an error nbrun itself reports (a diagnostic carries its own location).
    static let errorPrefix = "nbrun: error: "

    /// The stream this entry goes to.
    var stream: Stream {
        switch self {
        case .result, .bytes: .stdout
        case .message, .error: .stderr
        case .diagnostic(_, let toStdout): toStdout ? .stdout : .stderr
        }
    }

    /// The bytes to write for this entry; `colored` says whether its stream takes ANSI colours.
    func bytes(colored: Bool) -> Data {
        switch self {
        case .result(let text): Data(text.utf8)
        case .bytes(let data): data
        case .message(let line): Data((line + "\n").utf8)
        case .error(let text): Data((Self.errorPrefix + text + "\n").utf8)
        case .diagnostic(let diagnostic, _): Data(((colored ? diagnostic.colored : diagnostic.formatted) + "\n").utf8)
        }
    }
}

extension Transcript {
    /// The plain text of everything for stderr, as the terminal shows it without colour
    /// (the preview page shows it above the last good outputs).
    var stderrText: String {
        entries.filter { $0.stream == .stderr }.map { String(decoding: $0.bytes(colored: false), as: UTF8.self) }
            .joined()
    }
}
