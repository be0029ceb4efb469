import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A real HTTP client (Foundation's URLSession) for the preview's page and its events.
public enum HTTP {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String
    }

    /// `timeout` is generous: a busy machine can take seconds to serve a page, and a wait
    /// that is met returns at once.
    public static func get(_ url: URL, host: String? = nil, timeout: TimeInterval = 60) async throws -> Response {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)".lowercased()] = "\(value)" }
        return Response(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    /// Whether anything accepts a TCP connection at `host:port` (IPv4).
    public static func accepts(_ host: String, port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A TCP port nothing listens on right now, from the system's ephemeral range.
    public static func freePort() -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(descriptor, $0, length)
                _ = getsockname(descriptor, $0, &length)
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// One Server-Sent Event.
public struct ServerSentEvent: Equatable, Sendable {
    public var name: String
    public var data: String
}

/// Reads a `text/event-stream` as it arrives, with URLSession.
public final class EventStreamReader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: URLSession calls the delegate on its own serial queue, the only place `buffer` is used.
    public let events: AsyncStream<ServerSentEvent>
    private let continuation: AsyncStream<ServerSentEvent>.Continuation
    /// Yields once, when the server's response head arrives: the stream is then open.
    private let opened: AsyncStream<Void>
    private let openedContinuation: AsyncStream<Void>.Continuation
    private var buffer = ""
    private var session: URLSession!

    public init(_ url: URL) {
        (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self)
        (opened, openedContinuation) = AsyncStream.makeStream(of: Void.self)
        super.init()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: queue)
        session.dataTask(with: URLRequest(url: url, timeoutInterval: 120)).resume()
    }

    public func close() {
        session.invalidateAndCancel()
        continuation.finish()
        openedContinuation.finish()
    }

    /// Whether the stream opened (the server answered its request) within `timeout` seconds:
    /// events the server sends from then on reach ``events``.
    public func waitUntilOpen(within timeout: TimeInterval) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in self.opened { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    public func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        openedContinuation.yield()
        completionHandler(.allow)
    }

    /// The next event named `name`, or nil when none comes within `timeout` seconds.
    public func next(_ name: String, within timeout: TimeInterval) async -> ServerSentEvent? {
        await withTaskGroup(of: ServerSentEvent?.self) { group in
            group.addTask {
                for await event in self.events where event.name == name { return event }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        buffer += String(decoding: data, as: UTF8.self)
        while let end = buffer.range(of: "\n\n") {
            let block = buffer[..<end.lowerBound]
            buffer.removeSubrange(..<end.upperBound)
            var event = ServerSentEvent(name: "message", data: "")
            var isEvent = false
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("event: ") {
                    event.name = String(line.dropFirst(7))
                    isEvent = true
                }
                if line.hasPrefix("data: ") {
                    event.data = String(line.dropFirst(6))
                    isEvent = true
                }
            }
            if isEvent { continuation.yield(event) }
        }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        continuation.finish()
        openedContinuation.finish()
    }
}
