import Foundation
import TestSupport
import Testing

@testable import NBPreview

#if canImport(Glibc)
    import Glibc
#endif

/// The preview server under abuse from this machine: requests too long, clients too slow,
/// names that aren't its own, and many clients at once. Every loop here is bounded in count
/// and time, and every connection goes to 127.0.0.1.
@Suite(.serialized) struct PreviewHardeningTests {
    typealias Running = LivePreviewTests.Running

    @Test func aLongRequestLineIsRefusedAtOnceAndTheServerGoesOn() async throws {
        // A head deadline far beyond the bound below: "at once" means not by the deadline.
        let preview = try await Running(headDeadline: .seconds(120))
        _ = try await LivePreviewTests.waitForPage(preview, containing: "first")
        // Two of these took FlyingFox's two workers for over 30 s each (quadratic line parsing).
        let target = "/" + String(repeating: "a", count: 64 * 1024)
        let started = Date()
        async let first = RawClient.exchange(
            port: preview.port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\n\r\n")
        async let second = RawClient.exchange(
            port: preview.port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\n\r\n")
        let answers = await [first, second]
        #expect(answers.allSatisfy { $0.text.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n") })
        #expect(answers.allSatisfy { $0.closed })
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(try await HTTP.get(preview.url).body.contains("first"))
    }

    @Test func headersOverEightKilobytesAreRefused() async throws {
        let preview = try await Running()
        _ = try await LivePreviewTests.waitForPage(preview, containing: "first")
        let header = "X-Filler: " + String(repeating: "b", count: 9 * 1024)
        let answer = await RawClient.exchange(
            port: preview.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\n\(header)\r\n\r\n")
        #expect(answer.text.hasPrefix("HTTP/1.1 431 "))
        // Just under the limit is a request like any other.
        let small = "X-Filler: " + String(repeating: "b", count: 7 * 1024)
        let fine = await RawClient.exchange(
            port: preview.port,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\nConnection: close\r\n\(small)\r\n\r\n",
            timeout: 60)
        #expect(fine.text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(fine.text.contains("first"))
    }

    @Test func aClientThatSendsItsHeadersSlowlyIsCutOff() async throws {
        let preview = try await Running(headDeadline: .seconds(1))
        let started = Date()
        // One header line every 200 ms, for at most 60 s: the server hangs up after 1 s (a
        // busy machine may notice it seconds later, but long before the client gives up).
        let slow = await RawClient.dribble(
            port: preview.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\n",
            then: "X-Slow: 1\r\n", every: 0.2, forAtMost: 60)
        let seconds = Date().timeIntervalSince(started)
        #expect(slow.closed)
        #expect(!slow.text.contains("first"))
        #expect(seconds > 0.8 && seconds < 30, "closed after \(seconds) s")
        #expect(try await HTTP.get(preview.url).status == 200)
    }

    @Test func aClientThatOpensAndSaysNothingIsCutOff() async throws {
        let preview = try await Running(headDeadline: .seconds(1))
        let started = Date()
        let silent = await RawClient.exchange(port: preview.port, "", timeout: 60)
        #expect(silent.closed && silent.text.isEmpty)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test(arguments: [
        ("127.0.0.1:PORT", 200), ("localhost:PORT", 200), ("[::1]:PORT", 200),
        ("127.0.0.1.attacker.example:PORT", 403), ("localhost.attacker.example:PORT", 403),
        ("attacker.example:PORT", 403), ("127.0.0.2:PORT", 403), ("127.0.0.1:1", 403), ("127.0.0.1", 403),
        ("", 403)
    ])
    func answersOnlyToItsOwnNamesAndPort(host: String, status: Int) async throws {
        let preview = try await Running()
        _ = try await LivePreviewTests.waitForPage(preview, containing: "first")
        let value = host.replacingOccurrences(of: "PORT", with: "\(preview.port)")
        let headerLine = value.isEmpty ? "" : "Host: \(value)\r\n"
        let answer = await RawClient.exchange(
            port: preview.port, "GET / HTTP/1.1\r\n\(headerLine)Connection: close\r\n\r\n")
        #expect(answer.text.hasPrefix("HTTP/1.1 \(status) "), "\(answer.text.prefix(80))")
        #expect(answer.text.contains("first") == (status == 200))
        let events = await RawClient.exchange(
            port: preview.port, "GET /events HTTP/1.1\r\n\(headerLine)Connection: close\r\n\r\n", timeout: 1)
        #expect(events.text.hasPrefix("HTTP/1.1 \(status) "))
    }

    @Test func aPreviewOnEveryInterfaceAnswersToAddressesButNotToNames() async throws {
        let preview = try await Running(host: "0.0.0.0")
        _ = try await LivePreviewTests.waitForPage(preview, containing: "first")
        for (host, status) in [("127.0.0.2", 200), ("192.0.2.7", 200), ("attacker.example", 403)] {
            let answer = await RawClient.exchange(
                port: preview.port, "GET / HTTP/1.1\r\nHost: \(host):\(preview.port)\r\nConnection: close\r\n\r\n")
            #expect(answer.text.hasPrefix("HTTP/1.1 \(status) "), "\(host)")
        }
    }

    @Test func keepsServingUnderLoad() async throws {
        let preview = try await Running()
        _ = try await LivePreviewTests.waitForPage(preview, containing: "first")
        // 40 event streams held open, plus 8 clients making 40 requests each, half of them abusive.
        let streams = (0..<40).map { _ in EventStreamReader(preview.url.appendingPathComponent("events")) }
        defer { for stream in streams { stream.close() } }
        let port = preview.port
        let started = Date()
        let statuses = await withTaskGroup(of: [String].self) { group in
            for client in 0..<8 {
                group.addTask {
                    var seen: [String] = []
                    for request in 0..<40 {
                        let abusive = (client + request) % 2 == 1
                        let target = abusive ? "/" + String(repeating: "x", count: 20_000) : "/"
                        let answer = await RawClient.exchange(
                            port: port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
                        )
                        seen.append(String(answer.text.prefix(12)))
                    }
                    return seen
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(statuses.count == 320)
        #expect(statuses.filter { $0 == "HTTP/1.1 200" }.count == 160)
        #expect(statuses.filter { $0 == "HTTP/1.1 431" }.count == 160)
        #expect(seconds < 60, "320 requests took \(seconds) s")
        #expect(try await HTTP.get(preview.url, timeout: 5).body.contains("first"))
    }
}

/// A TCP client that sends exactly the bytes it is given, as an attacker's would.
enum RawClient {
    struct Answer: Sendable {
        var text: String
        /// Whether the server closed the connection.
        var closed: Bool
    }

    /// Sends `request` to 127.0.0.1:`port` and reads until the server closes or `timeout` passes.
    static func exchange(port: UInt16, _ request: String, timeout: TimeInterval = 60) async -> Answer {
        await dribble(port: port, request, then: nil, every: 0, forAtMost: timeout)
    }

    /// Sends `request`, then `more` every `interval` seconds, reading what comes back, until
    /// the server closes the connection or `limit` seconds pass.
    static func dribble(
        port: UInt16, _ request: String, then more: String?, every interval: TimeInterval, forAtMost limit: TimeInterval
    ) async -> Answer {
        // On a thread of its own: blocking reads on Swift's few concurrency threads would
        // starve the preview running in this same process.
        await withCheckedContinuation { done in
            Thread {
                done.resume(
                    returning: blockingDribble(port: port, request, then: more, every: interval, forAtMost: limit))
            }
            .start()
        }
    }

    private static func blockingDribble(
        port: UInt16, _ request: String, then more: String?, every interval: TimeInterval, forAtMost limit: TimeInterval
    ) -> Answer {
        do {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard connected else { return Answer(text: "", closed: true) }
            var wait = timeval(tv_sec: 0, tv_usec: 50_000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            func send(_ text: String) -> Bool {
                let bytes = Array(text.utf8)
                var sent = 0
                while sent < bytes.count {
                    let count = bytes[sent...].withUnsafeBytes {
                        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                    }
                    if count <= 0 { return false }
                    sent += count
                }
                return true
            }
            var received = Data()
            var closed = !send(request)
            let deadline = Date().addingTimeInterval(limit)
            var nextSend = Date().addingTimeInterval(interval)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !closed, Date() < deadline {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count > 0 {
                    received.append(buffer, count: count)
                } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    closed = true
                } else if let more, Date() >= nextSend {
                    closed = !send(more)
                    nextSend = Date().addingTimeInterval(interval)
                }
            }
            return Answer(text: String(decoding: received, as: UTF8.self), closed: closed)
        }
    }
}
