import CSerializedDiagnostics
import Foundation

/// swiftc's diagnostics in machine-readable form: the serialized diagnostics file
/// (`-serialize-diagnostics-path`), read with the libclang that ships beside swiftc.
///
/// Records are one a line (see `CSerializedDiagnostics.h`). When libclang can't be
/// found, nbrun falls back to reading swiftc's LLVM-style text (``CompilerDiagnostics``).
enum SerializedDiagnostics {
    /// Starts a cached log that holds records rather than swiftc's text.
    static let marker = "#nbrun serialized diagnostics\n"

    /// The flags that make swiftc write the file for a whole-module compile: an output
    /// file map (written beside it) names it as the module's diagnostics.
    static func flags(writingTo url: URL) throws -> [String] {
        let map = url.deletingPathExtension().appendingPathExtension("map.json")
        try ScratchFolders.write(outputMap(input: "", writingTo: url), to: map)
        return ["-serialize-diagnostics", "-output-file-map", map.path]
    }

    /// An output file map (JSON) that has `input`'s diagnostics serialized to `url`: the
    /// driver's for the module (`input` empty), or the frontend's for its first file.
    static func outputMap(input: String, writingTo url: URL) -> String {
        func escaped(_ text: String) -> String {
            text.pieces(separatedBy: "\\").joined(separator: "\\\\").pieces(separatedBy: "\"").joined(separator: "\\\"")
        }
        return #"{"\#(escaped(input))": {"diagnostics": "\#(escaped(url.path))"}}"# + "\n"
    }

    /// The records in `file`, or nil when it or libclang can't be read.
    static func records(in file: URL, swiftc: URL) -> String? {
        let libclang = swiftc.resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lib/libclang.so")
        guard FileManager.default.fileExists(atPath: file.path),
            FileManager.default.fileExists(atPath: libclang.path),
            let text = nbrun_read_serialized_diagnostics(libclang.path, file.path)
        else { return nil }
        defer { free(text) }
        return String(cString: text)
    }

    /// Diagnostics from records, quoting the notebook's lines; fix-its become notes.
    static func parse(_ records: String, notebook: Notebook) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for line in records.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(unescape)
            switch fields.first {
            case "D", "N":
                guard fields.count >= 6 else { continue }
                var diagnostic = Diagnostic(Diagnostic.Severity(rawValue: fields[1]) ?? .error, fields[5])
                diagnostic.location = location(fields[2], fields[3], fields[4], notebook: notebook, quote: &diagnostic)
                if fields[0] == "N", !diagnostics.isEmpty {
                    diagnostics[diagnostics.count - 1].notes.append(diagnostic)
                } else {
                    diagnostics.append(diagnostic)
                }
            case "F":
                guard fields.count >= 7, !diagnostics.isEmpty else { continue }
                let replacement = fields[6]
                var note = Diagnostic(
                    .note, replacement.isEmpty ? "fix-it: remove this" : "fix-it: replace with '\(replacement)'")
                note.location = location(fields[1], fields[2], fields[3], notebook: notebook, quote: &note)
                diagnostics[diagnostics.count - 1].notes.append(note)
            default:
                continue
            }
        }
        return diagnostics
    }

    private static func location(
        _ file: String, _ line: String, _ column: String, notebook: Notebook,
        quote diagnostic: inout Diagnostic
    ) -> SourceLocation? {
        guard !file.isEmpty, let line = Int(line), line > 0 else { return nil }
        if file == notebook.file { diagnostic.sourceLine = notebook.line(line) }
        return SourceLocation(file: file, line: line, column: Int(column).flatMap { $0 > 0 ? $0 : nil })
    }

    private static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var result = ""
        var escaped = false
        for character in field {
            if escaped {
                result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
