import Foundation
import Synchronization

/// One running `sourcekit-lsp`, spoken to as its client, with `workspace` as its root.
///
/// Requests are answered through callbacks. When the process ends while requests are
/// waiting, each gets an error, and ``onExit`` is told how it ended; a new process is
/// the owner's to start.
final class SourceKitProcess: Sendable {
    private let process: Process
    private let connection: Connection
    /// Held so that their descriptors stay open as long as the connection reads and writes them.
    private let pipes: (input: Pipe, output: Pipe)
    private let box = Box()

    /// The state, in a class of its own so the process's handlers can share it.
    private final class Box: Sendable {
        let state = Mutex(State())
    }

    private struct State {
        var nextID = 1
        var waiting: [Int: @Sendable (Result<JSONValue, ResponseError>) -> Void] = [:]
        var exited = false
    }

    /// Starts `executable` in `workspace`; `onExit` gets how it ended (unless ``stop()`` ended it).
    init(executable: URL, workspace: URL, onExit: @escaping @Sendable (String) -> Void) throws {
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = workspace
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        self.process = process
        pipes = (input, output)
        connection = Connection(
            input: output.fileHandleForReading.fileDescriptor, output: input.fileHandleForWriting.fileDescriptor)
        let box = self.box
        process.terminationHandler = { process in
            let waiting = box.state.withLock { state in
                defer { state.waiting = [:] }
                let stopping = state.exited
                state.exited = true
                return stopping ? nil : state.waiting
            }
            guard let waiting else { return }
            for reply in waiting.values {
                reply(.failure(ResponseError(code: ResponseError.contentModified, message: "sourcekit-lsp stopped")))
            }
            let how =
                process.terminationReason == .uncaughtSignal
                ? "was killed by signal \(process.terminationStatus)"
                : "exited with status \(process.terminationStatus)"
            onExit(how)
        }
        try process.run()
        connection.start(
            receive: { [box, connection] message in
                guard case .success(let message) = message else { return }
                switch message {
                case .response(.number(let id)?, let result):
                    let reply = box.state.withLock { $0.waiting.removeValue(forKey: id) }
                    reply?(result)
                case .request(let id, _, _):
                    // workspace/configuration, client/registerCapability, window/workDoneProgress/create …
                    connection.send(.response(id: id, result: .success(.null)))
                default:
                    break  // its diagnostics and logs: nbrun publishes its own
                }
            }, closed: {})
    }

    var isRunning: Bool { box.state.withLock { !$0.exited } }
    var processIdentifier: Int32 { process.processIdentifier }

    func request(
        _ method: String, _ params: JSONValue, reply: @escaping @Sendable (Result<JSONValue, ResponseError>) -> Void
    ) {
        let id = box.state.withLock { state -> Int? in
            guard !state.exited else { return nil }
            defer { state.nextID += 1 }
            state.waiting[state.nextID] = reply
            return state.nextID
        }
        guard let id else {
            reply(.failure(ResponseError(code: ResponseError.contentModified, message: "sourcekit-lsp stopped")))
            return
        }
        connection.send(.request(id: .number(id), method: method, params: params))
    }

    /// A request, waited for up to `timeout` seconds.
    func requestAndWait(_ method: String, _ params: JSONValue, timeout: Double) -> Result<JSONValue, ResponseError> {
        let answer = Mutex<Result<JSONValue, ResponseError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        request(method, params) { result in
            answer.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success, let result = answer.withLock({ $0 }) else {
            return .failure(
                ResponseError(code: ResponseError.internalError, message: "sourcekit-lsp didn't answer \(method)"))
        }
        return result
    }

    func notify(_ method: String, _ params: JSONValue) {
        connection.send(.notification(method: method, params: params))
    }

    /// Asks it to stop, and makes sure it does.
    func stop() {
        let running = box.state.withLock { state in
            defer { state.exited = true }
            return !state.exited
        }
        guard running else { return }
        _ = requestAndWaitIgnoringExit("shutdown")
        notify("exit", .null)
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func requestAndWaitIgnoringExit(_ method: String) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let id = box.state.withLock { state -> Int in
            defer { state.nextID += 1 }
            state.waiting[state.nextID] = { _ in done.signal() }
            return state.nextID
        }
        connection.send(.request(id: .number(id), method: method, params: .null))
        return done.wait(timeout: .now() + 2) == .success
    }
}
