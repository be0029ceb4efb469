/// What the Swift runtime said when a cell's program stopped abnormally.
///
/// Reads the runtime's fatal-error line (`file:line: Fatal error: message`) and the
/// backtracer's frames (`… at file:line:col`), and keeps the frames that lie in the
/// notebook, innermost first, so even a trap whose message has no location of its own
/// (an index out of range, a force-unwrap of nil) is pinned to a notebook line, and the
/// calls that led there read like a Python traceback.
struct CrashReport: Equatable {
    /// The stderr the cell wrote itself, before the runtime's report.
    var userStderr: String
    var message: String
    var line: Int?
    /// The column of the innermost notebook frame, when the backtrace gives one.
    var column: Int?
    /// The notebook frames, innermost first; the last is the cell's own line that made the call.
    /// Recursion shows once, and so does a line that calls a closure on itself: a frame on
    /// the same line as the one before it is left out.
    var frames: [Frame] = []

    struct Frame: Equatable {
        var line: Int
        var column: Int?
    }

    private static let fatalKinds = ["Fatal error", "Precondition failed", "Assertion failed", "Unexpectedly found nil"]

    /// `place` turns a file, line and UTF-8 column the runtime names into a notebook
    /// location, or nil when the file isn't a cell's code (see ``ProgramLocations``).
    init(
        stderr: String, signaled: Bool, status: Int32,
        place: (_ file: String, _ line: Int, _ column: Int?) -> SourceLocation?
    ) {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        var userLines: [Substring] = []
        var message: String?
        var messageLine: Int?
        var frameLine: Int?
        var previousFrame: Substring?
        var repeats = 0
        var deepestRepeat = 0
        var frameColumn: Int?
        var crashLine: String?
        var inReport = false
        var notebookFrames: [Frame] = []
        for line in lines {
            if !inReport, let (text, location) = Self.fatalMessage(line) {
                message = text
                if let location, let mapped = place(location.file, location.line, nil) { messageLine = mapped.line }
                inReport = true
                continue
            }
            if line.hasPrefix("*** ") {
                inReport = true
                if line.hasPrefix("*** Program crashed: ") {
                    crashLine = String(line.dropFirst(21)).components(separatedBy: " at 0x").first
                }
                continue
            }
            if inReport, let frame = Self.frameText(line) {
                repeats = frame == previousFrame ? repeats + 1 : 1
                previousFrame = frame
                deepestRepeat = max(deepestRepeat, repeats)
            }
            if inReport {
                if let frame = Self.framePlace(line), let place = place(frame.file, frame.line, frame.column) {
                    if frameLine == nil {
                        frameLine = place.line
                        frameColumn = place.column
                    }
                    let frame = Frame(line: place.line, column: place.column)
                    if notebookFrames.last?.line != frame.line { notebookFrames.append(frame) }
                }
            } else {
                userLines.append(line)
            }
        }
        self.userStderr = userLines.joined(separator: "\n")
        self.frames = notebookFrames
        // The same return address over and over at a bad access is a stack overflow.
        if message == nil, deepestRepeat >= 8, crashLine?.hasPrefix("Bad pointer dereference") == true {
            crashLine = "stack overflow (the recursion here never ends, or goes too deep)"
        }
        self.message =
            message ?? crashLine.map { "crashed: \($0)" }
            ?? (signaled ? "crashed with signal \(status)" : "the program exited with status \(status)")
        self.line = frameLine ?? messageLine
        self.column = frameLine == nil ? nil : frameColumn
    }

    /// The file, line and column of a backtrace frame (`… in prog at PATH:LINE:COL`).
    static func framePlace(_ frame: Substring) -> (file: String, line: Int, column: Int?)? {
        guard let at = frame.range(of: " at ", options: .backwards) else { return nil }
        let parts = frame[at.upperBound...].split(separator: ":")
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]) else { return nil }
        return (
            parts.dropLast(2).joined(separator: ":"), line, Int(parts[parts.count - 1]).flatMap { $0 > 0 ? $0 : nil }
        )
    }

    /// A backtrace frame without its number: `[ra] 0x… depth(_:) + 76 in notebook at …`.
    private static func frameText(_ line: Substring) -> Substring? {
        let trimmed = line.drop { $0 == " " }
        guard let first = trimmed.first, first.isNumber else { return nil }
        return trimmed.drop { $0.isNumber }.drop { $0 == " " }
    }

    /// Finds `[file:line: ]Kind: message` in a runtime line.
    private static func fatalMessage(_ line: Substring) -> (String, (file: String, line: Int)?)? {
        for kind in fatalKinds {
            guard let range = line.range(of: kind) else { continue }
            let text = String(line[range.lowerBound...])
            let prefix = line[..<range.lowerBound]
            guard prefix.isEmpty || prefix.hasSuffix(": ") else { continue }
            let parts = prefix.dropLast(2).split(separator: ":")
            if parts.count >= 2, let number = Int(parts.last!) {
                return (text, (parts.dropLast().joined(separator: ":"), number))
            }
            return (text, nil)
        }
        return nil
    }
}
