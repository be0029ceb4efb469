import Dispatch
import Foundation
import NBRunKit
import Synchronization

/// `nbrun lsp`: a language server for Markdown notebooks, spoken over one connection.
///
/// - Diagnostics: each open notebook is checked as it stands in the editor's buffer
///   (parsed, planned and type-checked, never run) a moment after the last edit, and
///   the diagnostics of its latest text are published.
/// - Completion, hover, signature help and definition inside cells are answered by
///   ``SwiftFeatures`` (sourcekit-lsp, over nbrun's program); anywhere else, by nothing.
///
/// Requests are answered in any order; notifications are handled in the order they come.
public final class LanguageServer: Sendable {
    /// What the server needs from the rest of nbrun.
    public struct Services: Sendable {
        /// The diagnostics of a notebook's text, at its lines (see `Workbench.diagnose`).
        public var diagnose: @Sendable (_ text: String, _ file: String) -> [Diagnostic]
        /// Answers requests about Swift inside cells; nil answers none.
        public var swift: (any SwiftFeatures)?
        /// How long after an edit diagnostics are computed, in seconds.
        public var diagnosticsDelay: Double

        public init(
            diagnose: @escaping @Sendable (String, String) -> [Diagnostic], swift: (any SwiftFeatures)?,
            diagnosticsDelay: Double = 0.15
        ) {
            self.diagnose = diagnose
            self.swift = swift
            self.diagnosticsDelay = diagnosticsDelay
        }
    }

    private let client: Connection
    private let services: Services
    private let diagnostics: DiagnosticsScheduler
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var initialized = false
        var shutdownRequested = false
        var exitCode: Int32?
        var documents: [String: TextDocument] = [:]
    }

    /// The requests this server answers about Swift in cells.
    static let swiftMethods: Set<String> = [
        "textDocument/completion", "textDocument/hover", "textDocument/signatureHelp", "textDocument/definition"
    ]

    public init(client: Connection, services: Services) {
        self.client = client
        self.services = services
        diagnostics = DiagnosticsScheduler(
            delay: services.diagnosticsDelay,
            check: { document in
                guard let file = DocumentURI.path(of: document.uri) else { return [] }
                let lines = TextLines(document.text)
                return services.diagnose(document.text, file).map { LSPDiagnostic($0, uri: document.uri, lines: lines) }
            },
            publish: { params in
                if let value = try? JSONValue(encoding: params) {
                    client.send(.notification(method: "textDocument/publishDiagnostics", params: value))
                }
            })
    }

    /// Serves until the client says `exit` or closes the connection; returns the exit
    /// status the protocol asks for (0 after `shutdown`, 1 otherwise).
    public func run() -> Int32 {
        signal(SIGPIPE, SIG_IGN)  // a client that goes away must not kill the server mid-write
        services.swift?.start(log: { [client] message in
            Self.log(message, to: client)
        })
        client.start(
            receive: { [self] message in
                switch message {
                case .success(let message): handle(message)
                case .failure(let error): client.send(.response(id: nil, result: .failure(error)))
                }
            },
            closed: { [self] in
                state.withLock { if $0.exitCode == nil { $0.exitCode = $0.shutdownRequested ? 0 : 1 } }
                finished.signal()
            })
        finished.wait()
        services.swift?.stop()
        return state.withLock { $0.exitCode ?? 1 }
    }

    /// Writes a line to the editor's log of this server (`window/logMessage`).
    static func log(_ message: String, to client: Connection) {
        if let params = try? JSONValue(encoding: LogMessageParams(type: 3, message: message)) {
            client.send(.notification(method: "window/logMessage", params: params))
        }
    }

    // MARK: - Messages

    func handle(_ message: Message) {
        switch message {
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            handleNotification(method: method, params: params)
        case .response:
            break  // the server sends no requests of its own
        }
    }

    private func reply(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        client.send(.response(id: id, result: result))
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue) {
        let (initialized, shuttingDown) = state.withLock { ($0.initialized, $0.shutdownRequested) }
        if method == "initialize" {
            state.withLock { $0.initialized = true }
            reply(id, .success(Self.initializeResult(features: services.swift != nil)))
            return
        }
        guard initialized else {
            reply(id, .failure(ResponseError(code: ResponseError.serverNotInitialized, message: "initialize first")))
            return
        }
        if shuttingDown {
            reply(
                id, .failure(ResponseError(code: ResponseError.invalidRequest, message: "the server is shutting down")))
            return
        }
        switch method {
        case "shutdown":
            state.withLock { $0.shutdownRequested = true }
            reply(id, .success(.null))
        case _ where Self.swiftMethods.contains(method):
            guard let uri = params["textDocument"]?["uri"]?.stringValue,
                let document = state.withLock({ $0.documents[uri] }),
                let swift = services.swift
            else {
                reply(id, .success(.null))
                return
            }
            swift.answer(method, params: params, in: document) { [self] result in reply(id, result) }
        default:
            reply(
                id, .failure(ResponseError(code: ResponseError.methodNotFound, message: "nbrun lsp has no \(method)")))
        }
    }

    private func handleNotification(method: String, params: JSONValue) {
        switch method {
        case "exit":
            state.withLock { $0.exitCode = $0.shutdownRequested ? 0 : 1 }
            finished.signal()
        case "textDocument/didOpen":
            guard let opened = try? params.decode(DidOpenTextDocumentParams.self) else { return }
            let item = opened.textDocument
            let document = TextDocument(uri: item.uri, version: item.version, text: item.text)
            state.withLock { $0.documents[item.uri] = document }
            diagnostics.update(document)
            services.swift?.update(document)
        case "textDocument/didChange":
            guard let change = try? params.decode(DidChangeTextDocumentParams.self) else { return }
            let document = state.withLock { state -> TextDocument? in
                guard var document = state.documents[change.textDocument.uri] else { return nil }
                document.apply(change.contentChanges, version: change.textDocument.version)
                state.documents[change.textDocument.uri] = document
                return document
            }
            if let document {
                diagnostics.update(document)
                services.swift?.update(document)
            }
        case "textDocument/didClose":
            guard let closed = try? params.decode(DidCloseTextDocumentParams.self) else { return }
            state.withLock { $0.documents[closed.textDocument.uri] = nil }
            diagnostics.close(closed.textDocument.uri)
            services.swift?.close(closed.textDocument.uri)
        default:
            break  // initialized, didSave, $/cancelRequest, $/setTrace …: nothing to do
        }
    }

    private static func initializeResult(features: Bool) -> JSONValue {
        var capabilities: [String: JSONValue] = [
            // Full open/close, incremental changes.
            "textDocumentSync": .object(["openClose": .bool(true), "change": .int(2)])
        ]
        if features {
            capabilities["completionProvider"] = .object(["triggerCharacters": .array([.string(".")])])
            capabilities["hoverProvider"] = .bool(true)
            capabilities["signatureHelpProvider"] = .object([
                "triggerCharacters": .array([.string("("), .string(",")])
            ])
            capabilities["definitionProvider"] = .bool(true)
        }
        return .object([
            "capabilities": .object(capabilities),
            "serverInfo": .object(["name": .string("nbrun"), "version": .string(NBRun.version)])
        ])
    }
}

/// Answers requests about the Swift inside a notebook's cells.
public protocol SwiftFeatures: Sendable {
    /// Called once, before any request; `log` writes to the editor's log of the server.
    func start(log: @escaping @Sendable (String) -> Void)
    /// The editor opened the document or changed its text.
    func update(_ document: TextDocument)
    /// Answers `method` (one of completion, hover, signature help, definition) at the
    /// position in `params`, for the document as the editor has it: null outside cells.
    func answer(
        _ method: String, params: JSONValue, in document: TextDocument,
        reply: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void)
    /// The editor closed the document.
    func close(_ uri: String)
    /// The server is stopping.
    func stop()
}
