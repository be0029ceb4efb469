import Dispatch
import Foundation
import NBRunKit
import Synchronization

/// Completion, hover, signature help and definition inside cells, answered by the
/// toolchain's sourcekit-lsp over nbrun's program of the notebook.
///
/// Each open notebook gets a folder of its own (``ProgramFolder``: the program's files and
/// a compile command that imports the editor runtime) and a sourcekit-lsp in it, started
/// when the notebook opens. The files are kept up to date with the editor's text; before
/// each request, the file it is about becomes sourcekit-lsp's one open document (the others
/// it reads from the folder), positions go to the program and answers come back to the
/// notebook (``AnswerMapping``). A sourcekit-lsp that dies is started again at the next
/// request, and the editor's log says so.
public final class SourceKitFeatures: SwiftFeatures {
    /// What the features need from the rest of nbrun.
    public struct Setup: Sendable {
        public var sourcekitLSP: URL
        /// Where the notebooks' folders go.
        public var folder: URL
        /// The compile command's arguments, without the program's files (building what it
        /// imports); the files follow them in a response file.
        public var arguments: @Sendable () throws -> [String]
        /// The program of a notebook's text; nil when the text isn't a notebook nbrun can plan.
        public var program: @Sendable (_ text: String, _ file: String) -> GeneratedSource?
        /// How long to wait for sourcekit-lsp to answer, in seconds.
        public var timeout: Double

        public init(
            sourcekitLSP: URL, folder: URL, arguments: @escaping @Sendable () throws -> [String],
            program: @escaping @Sendable (String, String) -> GeneratedSource?, timeout: Double = 60
        ) {
            self.sourcekitLSP = sourcekitLSP
            self.folder = folder
            self.arguments = arguments
            self.program = program
            self.timeout = timeout
        }
    }

    private let setup: Setup
    private let log = Mutex<(@Sendable (String) -> Void)?>(nil)
    private let workspaces = Mutex<[String: Workspace]>([:])

    public init(setup: Setup) {
        self.setup = setup
    }

    public func start(log: @escaping @Sendable (String) -> Void) {
        self.log.withLock { $0 = log }
    }

    private func say(_ message: String) {
        log.withLock { $0 }?("nbrun lsp: " + message)
    }

    public func update(_ document: TextDocument) {
        let workspace = self.workspace(for: document.uri)
        workspace.latestVersion.withLock { $0 = document.version }
        workspace.queue.async { [self] in
            // Of many quick edits, only the last one's program is worth sending.
            guard workspace.latestVersion.withLock({ $0 }) == document.version else { return }
            _ = synchronize(workspace, with: document)
        }
    }

    public func answer(
        _ method: String, params: JSONValue, in document: TextDocument,
        reply: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void
    ) {
        let workspace = self.workspace(for: document.uri)
        workspace.queue.async { [self] in
            guard let (process, map) = synchronize(workspace, with: document),
                let position = try? params["position"]?.decode(Position.self),
                let (file, programPosition) = map.programPosition(for: position),
                var forwarded = params.objectValue
            else {
                reply(.success(.null))  // not a place in a cell's code, or no sourcekit-lsp
                return
            }
            let folder = open(file, in: workspace, process: process)
            forwarded["textDocument"] = .object(["uri": .string(folder.uri(of: file))])
            forwarded["position"] = try? JSONValue(encoding: programPosition)
            let files = Dictionary(uniqueKeysWithValues: map.source.files.map { (folder.uri(of: $0.name), $0.name) })
            let mapping = AnswerMapping(map: map, notebookURI: document.uri, requestFile: file, programFiles: files)
            process.request(method, .object(forwarded)) { result in
                switch result {
                case .success(let answer): reply(.success(mapping.answer(method, answer)))
                case .failure(let error) where error.code == ResponseError.contentModified: reply(.success(.null))
                case .failure(let error): reply(.failure(error))
                }
            }
        }
    }

    public func close(_ uri: String) {
        guard let workspace = workspaces.withLock({ $0.removeValue(forKey: uri) }) else { return }
        workspace.queue.async { workspace.process.withLock { $0 }?.stop() }
    }

    public func stop() {
        let all = workspaces.withLock { workspaces in
            defer { workspaces = [:] }
            return Array(workspaces.values)
        }
        for workspace in all { workspace.queue.sync { workspace.process.withLock { $0 }?.stop() } }
    }

    // MARK: - Workspaces

    /// One notebook's folder, its sourcekit-lsp and what that has been told.
    final class Workspace: Sendable {
        let queue = DispatchQueue(label: "nbrun.lsp.sourcekit")
        let folder: URL
        let process = Mutex<SourceKitProcess?>(nil)
        /// The version of the editor's latest text.
        let latestVersion = Mutex(0)
        /// What sourcekit-lsp has: the folder's files, the one it has open, the editor's
        /// version they were made from, and the map made with them.
        let synced = Mutex<Synced?>(nil)

        struct Synced {
            var folder: ProgramFolder
            /// Each file's text, as written in the folder.
            var texts: [String: String]
            /// The file sourcekit-lsp has open, and its version there.
            var open: (file: String, version: Int)?
            var documentVersion: Int
            var map: PositionMap
        }

        init(folder: URL) {
            self.folder = folder
        }
    }

    private func workspace(for uri: String) -> Workspace {
        workspaces.withLock { workspaces in
            if let known = workspaces[uri] { return known }
            var hasher = StableHasher()
            hasher.combine(uri)
            let workspace = Workspace(folder: setup.folder.appendingPathComponent("notebook-\(hasher.hexDigest)"))
            workspaces[uri] = workspace
            return workspace
        }
    }

    /// Makes sure sourcekit-lsp runs and its folder has the program of `document`'s text
    /// (its open document too); returns it and the map of that text. Runs on the
    /// workspace's queue.
    private func synchronize(_ workspace: Workspace, with document: TextDocument) -> (SourceKitProcess, PositionMap)? {
        let previous = workspace.synced.withLock { $0 }
        let running = workspace.process.withLock { $0 }.flatMap { $0.isRunning ? $0 : nil }
        if let running, let previous, previous.documentVersion == document.version {
            return (running, previous.map)
        }
        guard let file = DocumentURI.path(of: document.uri), let source = setup.program(document.text, file) else {
            return nil
        }
        let map = PositionMap(source: source, notebookText: document.text)
        let process: SourceKitProcess
        var synced: Workspace.Synced
        if let running, var previous, Set(previous.texts.keys) == Set(source.files.map(\.name)) {
            for (name, text) in source.files where previous.texts[name] != text {
                do {
                    try previous.folder.write(text, to: name)
                } catch {
                    say("can't write sourcekit-lsp's copy of the program: \(error.localizedDescription)")
                    return nil
                }
                previous.texts[name] = text
                if let open = previous.open, open.file == name {
                    previous.open?.version += 1
                    running.notify(
                        "textDocument/didChange",
                        .object([
                            "textDocument": .object([
                                "uri": .string(previous.folder.uri(of: name)), "version": .int(open.version + 1)
                            ]),
                            "contentChanges": .array([.object(["text": .string(text)])])
                        ]))
                }
            }
            process = running
            synced = previous
        } else {
            // A new process, or a program whose files changed: a compile command to match.
            running?.stop()
            guard let (started, folder) = launch(workspace, files: source.files) else { return nil }
            process = started
            synced = Workspace.Synced(
                folder: folder, texts: Dictionary(uniqueKeysWithValues: source.files.map { ($0.name, $0.text) }),
                open: nil, documentVersion: 0, map: map)
        }
        synced.documentVersion = document.version
        synced.map = map
        workspace.synced.withLock { $0 = synced }
        return (process, map)
    }

    /// Makes `file` sourcekit-lsp's one open document (closing the one it had) and returns
    /// the folder. Runs on the workspace's queue, after ``synchronize(_:with:)``.
    private func open(_ file: String, in workspace: Workspace, process: SourceKitProcess) -> ProgramFolder {
        workspace.synced.withLock { synced in
            guard var current = synced else { return ProgramFolder(url: workspace.folder) }
            defer { synced = current }
            if current.open?.file == file { return current.folder }
            if let open = current.open {
                process.notify(
                    "textDocument/didClose",
                    .object(["textDocument": .object(["uri": .string(current.folder.uri(of: open.file))])]))
            }
            process.notify(
                "textDocument/didOpen",
                .object([
                    "textDocument": .object([
                        "uri": .string(current.folder.uri(of: file)), "languageId": .string("swift"),
                        "version": .int(1), "text": .string(current.texts[file] ?? "")
                    ])
                ]))
            current.open = (file, 1)
            return current.folder
        }
    }

    /// Writes the workspace's files and compile command and starts sourcekit-lsp in it.
    private func launch(
        _ workspace: Workspace, files: [(name: String, text: String)]
    ) -> (SourceKitProcess, ProgramFolder)? {
        let restarting = workspace.process.withLock { $0 } != nil
        workspace.synced.withLock { $0 = nil }  // a new process knows no document
        var folder = ProgramFolder(url: workspace.folder)
        do {
            try folder.prepare(files, arguments: setup.arguments())
        } catch {
            say("can't prepare sourcekit-lsp's folder: \(error.localizedDescription)")
            return nil
        }
        let process: SourceKitProcess
        do {
            process = try SourceKitProcess(executable: setup.sourcekitLSP, workspace: workspace.folder) { [self] how in
                say("sourcekit-lsp \(how); it starts again at the next request")
            }
        } catch {
            say("can't start \(setup.sourcekitLSP.path): \(error.localizedDescription)")
            return nil
        }
        let initialize = process.requestAndWait(
            "initialize",
            .object([
                "processId": .int(Int(getpid())), "rootUri": .string(DocumentURI.uri(ofPath: workspace.folder.path)),
                "capabilities": .object([
                    "textDocument": .object([
                        "completion": .object([
                            "completionItem": .object([
                                "documentationFormat": .array([.string("markdown"), .string("plaintext")]),
                                "snippetSupport": .bool(false)
                            ])
                        ]),
                        "hover": .object(["contentFormat": .array([.string("markdown"), .string("plaintext")])])
                    ])
                ])
            ]), timeout: setup.timeout)
        guard case .success = initialize else {
            say("sourcekit-lsp didn't answer initialize")
            process.stop()
            return nil
        }
        process.notify("initialized", .object([:]))
        workspace.process.withLock { $0 = process }
        say((restarting ? "restarted" : "started") + " sourcekit-lsp (pid \(process.processIdentifier))")
        return (process, folder)
    }
}
