import Dispatch
import Foundation
import NBRunKit
import Synchronization

/// Completion, hover, signature help and definition inside cells, answered by the
/// toolchain's sourcekit-lsp over nbrun's program of the notebook.
///
/// Each open notebook gets a folder of its own (`main.swift` and a
/// `compile_commands.json` that imports the editor runtime) and a sourcekit-lsp in it,
/// started when the notebook opens so the first completion is warm. Before each request
/// the program is brought up to date with the editor's text; positions go to the program
/// and answers come back to the notebook (``AnswerMapping``). A sourcekit-lsp that dies is
/// started again at the next request, and the editor's log says so.
public final class SourceKitFeatures: SwiftFeatures {
    /// What the features need from the rest of nbrun.
    public struct Setup: Sendable {
        public var sourcekitLSP: URL
        /// Where the notebooks' folders go.
        public var folder: URL
        /// The compile command's arguments for a program of these files (building what it imports).
        public var arguments: @Sendable (_ files: [URL]) throws -> [String]
        /// The program of a notebook's text; nil when the text isn't a notebook nbrun can plan.
        public var program: @Sendable (_ text: String, _ file: String) -> GeneratedSource?
        /// How long to wait for sourcekit-lsp to answer, in seconds.
        public var timeout: Double

        public init(
            sourcekitLSP: URL, folder: URL, arguments: @escaping @Sendable ([URL]) throws -> [String],
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
            forwarded["textDocument"] = .object(["uri": .string(workspace.uri(of: file))])
            forwarded["position"] = try? JSONValue(encoding: programPosition)
            let files = Dictionary(uniqueKeysWithValues: map.source.files.map { (workspace.uri(of: $0.name), $0.name) })
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
        /// What sourcekit-lsp has: each file's text and version, the editor's version they
        /// were made from, and the map made with them.
        let synced = Mutex<Synced?>(nil)

        struct Synced {
            var texts: [String: String]
            var versions: [String: Int]
            var documentVersion: Int
            var map: PositionMap
        }

        init(folder: URL) {
            self.folder = folder
        }

        func url(of file: String) -> URL { folder.appendingPathComponent(file) }
        func uri(of file: String) -> String { DocumentURI.uri(ofPath: url(of: file).path) }
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

    /// Makes sure sourcekit-lsp runs and has the program of `document`'s text; returns it
    /// and the map of that text. Runs on the workspace's queue.
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
        let names = source.files.map(\.name)
        let process: SourceKitProcess
        var synced: Workspace.Synced
        if let running, let previous, Set(previous.texts.keys) == Set(names) {
            process = running
            synced = previous
        } else {
            // A new process, or a program whose files changed: a compile command to match.
            running?.stop()
            guard let started = launch(workspace, files: names) else { return nil }
            process = started
            synced = Workspace.Synced(texts: [:], versions: [:], documentVersion: 0, map: map)
        }
        for (name, text) in source.files where synced.texts[name] != text {
            let uri = workspace.uri(of: name)
            if let version = synced.versions[name] {
                process.notify(
                    "textDocument/didChange",
                    .object([
                        "textDocument": .object(["uri": .string(uri), "version": .int(version + 1)]),
                        "contentChanges": .array([.object(["text": .string(text)])])
                    ]))
                synced.versions[name] = version + 1
            } else {
                process.notify(
                    "textDocument/didOpen",
                    .object([
                        "textDocument": .object([
                            "uri": .string(uri), "languageId": .string("swift"), "version": .int(1),
                            "text": .string(text)
                        ])
                    ]))
                synced.versions[name] = 1
            }
            synced.texts[name] = text
        }
        synced.documentVersion = document.version
        synced.map = map
        workspace.synced.withLock { $0 = synced }
        return (process, map)
    }

    /// Writes the workspace's compile command for `files` and starts sourcekit-lsp in it.
    private func launch(_ workspace: Workspace, files: [String]) -> SourceKitProcess? {
        let restarting = workspace.process.withLock { $0 } != nil
        workspace.synced.withLock { $0 = nil }  // a new process knows no document
        do {
            try FileManager.default.createDirectory(at: workspace.folder, withIntermediateDirectories: true)
            let urls = files.map(workspace.url(of:))
            for url in urls where !FileManager.default.fileExists(atPath: url.path) { try Data().write(to: url) }
            let arguments = try setup.arguments(urls).map(JSONValue.string)
            // One entry per file, each with the command that compiles them all as one module.
            let command: [[String: JSONValue]] = urls.map { url in
                ["directory": .string(workspace.folder.path), "file": .string(url.path), "arguments": .array(arguments)]
            }
            try JSON.encode(command).write(to: workspace.folder.appendingPathComponent("compile_commands.json"))
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
        return process
    }
}
