import Foundation

/// `nbrun import`: turns a Jupyter notebook (or a jupytext percent script) into an nbrun
/// notebook to port cell by cell (see ``NotebookImporter``).
///
/// An existing file is never overwritten unless `force` says so, and the new notebook is
/// written all at once.
public struct ImportJob: Sendable {
    /// Where the notebook goes: nil beside the original (`lesson.ipynb` → `lesson.md`),
    /// `-` stdout, or a file.
    public var output: String?
    /// Replace a file that is already there.
    public var force = false

    public init(output: String? = nil, force: Bool = false) {
        self.output = output
        self.force = force
    }

    public func run(_ file: String) -> JobOutcome {
        var transcript = Transcript()
        let status = importing(file, transcript: &transcript)
        return JobOutcome(transcripts: [transcript], status: status)
    }

    private func importing(_ file: String, transcript: inout Transcript) -> ExitStatus {
        func fail(_ message: String) -> ExitStatus {
            transcript.error("\(message)")
            return .badInput
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return fail("\(file): can't read it")
        }
        let source: SourceNotebook
        do {
            source = try Self.read(data, name: file)
        } catch {
            return fail("\(file): \(error)")
        }
        let result = NotebookImporter().markdown(for: source)
        let target = output ?? Self.defaultTarget(for: file)
        if target == "-" {
            transcript.result(result.markdown)
        } else {
            if FileManager.default.fileExists(atPath: target), !force {
                return fail("\(target) exists; remove it, choose another with -o, or pass --force to replace it")
            }
            do {
                try AtomicFile().write(result.markdown, to: URL(fileURLWithPath: target))
            } catch {
                return fail("\(target): can't write: \(error.localizedDescription)")
            }
        }
        let outputs = result.documentedOutputs.counted("documented output")
        let notes = result.notes > 0 ? ", \(result.notes.counted("note"))" : ""
        let shown = target == "-" ? "stdout" : target
        transcript.message(
            "nbrun: \(file) → \(shown): \(result.codeCells.counted("code cell")), \(outputs)\(notes); "
                + "translate each cell under its commented-out original, then run `nbrun check \(shown == "stdout" ? "NOTEBOOK.md" : shown)`"
        )
        return .success
    }

    /// The notebook in a file: JSON for `.ipynb` (or anything that starts with `{`), a
    /// percent script for `.py`.
    static func read(_ data: Data, name: String) throws(ImportError) -> SourceNotebook {
        let firstByte = data.first { !Set(" \t\r\n".utf8).contains($0) }
        if name.hasSuffix(".ipynb") || firstByte == UInt8(ascii: "{") {
            return try JupyterNotebook.read(data)
        }
        guard name.hasSuffix(".py"), let text = String(data: data, encoding: .utf8) else {
            throw .unknownKind(name)
        }
        return PercentScript.read(text)
    }

    /// `lesson.ipynb` → `lesson.md`, in the same folder.
    static func defaultTarget(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let base = url.deletingPathExtension().lastPathComponent
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? base + ".md" : folder + "/" + base + ".md"
    }
}
