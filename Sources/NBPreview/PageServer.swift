import Dispatch
import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Serves one page from memory at a private address on 127.0.0.1 while a closure runs.
///
/// nbrun prints its PDFs from here rather than from a file: a page from `http://127.0.0.1`
/// can't load or open `file:` URLs in Chromium, so a report can't copy the printing
/// machine's files into its PDF, whatever HTML it holds. Only `GET` of the page's own path
/// with this server's `Host` is answered; the server stops when the closure returns.
public enum PageServer {
    /// Why the page couldn't be served.
    public struct Failure: Error, LocalizedError {
        public var reason: String
        public var errorDescription: String? { "can't serve the page to the browser on 127.0.0.1: \(reason)" }
    }

    /// Runs `body` with the page's URL while the page is served.
    public static func serving<T>(_ page: Data, _ body: (URL) throws -> T) throws -> T {
        let path = "/\(UUID().uuidString).html"
        let port = Mutex<Int?>(nil)
        let ready = DispatchSemaphore(value: 0)
        let server = Server(
            childChannelSetup: HTTP1Channel(
                responder: { request, writer, _ in
                    let expected = port.withLock { $0 }.map { "127.0.0.1:\($0)" }
                    let found = request.method == .get && request.uri.path == path && request.head.authority == expected
                    var head = HTTPResponse(status: found ? .ok : .notFound)
                    head.headerFields[.contentType] = found ? "text/html; charset=utf-8" : "text/plain"
                    head.headerFields[.cacheControl] = "no-store"
                    let body = ByteBuffer(bytes: found ? page : Data())
                    head.headerFields[.contentLength] = "\(body.readableBytes)"
                    try await writer.write(response: head, body: .init(byteBuffer: body))
                },
                configuration: .init(
                    additionalChannelHandlers: [ConnectionGuard(headDeadline: .seconds(10))],
                    idleTimeout: .seconds(60),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: ConnectionGuard.requestHeadLimit,
                        maxHeaderListSize: ConnectionGuard.requestHeadLimit, maxHeaderFieldCount: 100))),
            configuration: ServerConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                port.withLock { $0 = channel.localAddress?.port }
                ready.signal()
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "nbrun.page") { _ in SwiftLogNoOpLogHandler() })
        let failure = Mutex<String?>(nil)
        let stopped = DispatchSemaphore(value: 0)
        Task {
            do { try await server.run() } catch {
                failure.withLock { $0 = "\(error)" }
                ready.signal()
            }
            stopped.signal()
        }
        // Stopped gracefully, never cancelled (see ServerShutdown): the browser has closed its connections.
        defer {
            Task { try? await server.shutdownGracefully() }
            stopped.wait()
        }
        ready.wait()
        guard let bound = port.withLock({ $0 }) else {
            throw Failure(reason: failure.withLock { $0 } ?? "the server didn't start")
        }
        return try body(URL(string: "http://127.0.0.1:\(bound)\(path)")!)
    }
}
