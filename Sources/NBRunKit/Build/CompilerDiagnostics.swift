/// Reads swiftc's LLVM-style diagnostics (`file:line:col: error: message`) and ties
/// them to notebook lines.
///
/// The compiler's own quoted source lines are dropped; nbrun quotes the notebook's
/// line itself, so what the user sees is always what they wrote.
enum CompilerDiagnostics {
    static func parse(_ log: String, notebook: Notebook) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for raw in log.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let parsed = header(of: Substring(raw)) else { continue }
            var diagnostic = Diagnostic(parsed.severity, parsed.message)
            if let line = parsed.line {
                diagnostic.location = SourceLocation(file: parsed.file, line: line, column: parsed.column)
                if parsed.file == notebook.file { diagnostic.sourceLine = notebook.line(line) }
            }
            if parsed.severity == .note, !diagnostics.isEmpty {
                diagnostics[diagnostics.count - 1].notes.append(diagnostic)
            } else {
                diagnostics.append(diagnostic)
            }
        }
        // The driver's own "command failed" line adds nothing when the errors are located.
        if diagnostics.contains(where: { $0.location != nil && $0.severity == .error }) {
            diagnostics.removeAll { $0.location == nil && $0.message.contains("command failed") }
        }
        return diagnostics
    }

    private struct Header {
        var file: String
        var line: Int?
        var column: Int?
        var severity: Diagnostic.Severity
        var message: String
    }

    /// Splits `path:line:col: severity: message`, where the path may itself contain colons.
    private static func header(of line: Substring) -> Header? {
        for severity in [Diagnostic.Severity.error, .warning, .note] {
            let tag = ": \(severity.rawValue): "
            guard let range = line.range(of: tag) else { continue }
            let message = String(line[range.upperBound...])
            var location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            var numbers: [Int] = []
            while numbers.count < 2, let last = location.last, let number = Int(last) {
                numbers.insert(number, at: 0)
                location.removeLast()
            }
            let file = location.joined(separator: ":")
            if file.isEmpty && numbers.isEmpty && !line.hasPrefix(severity.rawValue) { continue }
            return Header(
                file: file, line: numbers.first, column: numbers.count > 1 ? numbers[1] : nil,
                severity: severity, message: message)
        }
        if line.hasPrefix("error: ") {
            return Header(file: "", severity: .error, message: String(line.dropFirst(7)))
        }
        return nil
    }
}
