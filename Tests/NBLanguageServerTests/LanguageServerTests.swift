import Foundation
import NBRunKit
import TestSupport
import Testing

@testable import NBLanguageServer

extension Unit {
    /// The server's handling of the protocol, in process, with a diagnostics function of
    /// the test's own (the real one, with swiftc, is tested through Neovim end to end).
    @Suite struct LanguageServerTests {
        /// A server on pipes, and the test's end of them.
        final class Session: Sendable {
            let client: Connection
            let received = Shared<[Message]>([])
            let exitCode = Shared<Int32?>(nil)

            init(services: LanguageServer.Services) {
                var toServer: [Int32] = [0, 0]
                var fromServer: [Int32] = [0, 0]
                _ = pipe(&toServer)
                _ = pipe(&fromServer)
                let server = LanguageServer(
                    client: Connection(input: toServer[0], output: fromServer[1]), services: services)
                client = Connection(input: fromServer[0], output: toServer[1])
                let received = self.received
                client.start(
                    receive: { message in if case .success(let m) = message { received.update { $0.append(m) } } },
                    closed: {})
                let exitCode = self.exitCode
                Thread {
                    let code = server.run()
                    exitCode.update { $0 = code }
                }.start()
            }

            func send(_ message: Message) { client.send(message) }

            /// Waits (up to 10 s) for a message that `matches`.
            func wait(for matches: (Message) -> Bool) -> Message? {
                let deadline = Date().addingTimeInterval(10)
                while Date() < deadline {
                    if let found = received.value.first(where: matches) { return found }
                    Thread.sleep(forTimeInterval: 0.01)
                }
                return nil
            }

            func response(to id: Int) -> Result<JSONValue, ResponseError>? {
                guard
                    case .response(_, let result)? = wait(for: {
                        if case .response(.number(id)?, _) = $0 { true } else { false }
                    })
                else { return nil }
                return result
            }

            var published: [PublishDiagnosticsParams] {
                received.value.compactMap {
                    guard case .notification("textDocument/publishDiagnostics", let params) = $0 else { return nil }
                    return try? params.decode(PublishDiagnosticsParams.self)
                }
            }
        }

        private static func didOpen(_ uri: String, _ text: String) -> Message {
            .notification(
                method: "textDocument/didOpen",
                params: .object([
                    "textDocument": .object([
                        "uri": .string(uri), "languageId": .string("markdown"), "version": .int(1),
                        "text": .string(text)
                    ])
                ]))
        }

        @Test func answersInitializePublishesDiagnosticsAndExitsCleanly() throws {
            let services = LanguageServer.Services(
                diagnose: { text, file in
                    // An error under the second `x` of line 2, to check columns and ranges.
                    [
                        Diagnostic(
                            .error, "bad x in \(file)", at: SourceLocation(file: file, line: 2, column: 9),
                            notes: [
                                Diagnostic(.note, "first here", at: SourceLocation(file: file, line: 1, column: 1))
                            ])
                    ]
                }, swift: nil, diagnosticsDelay: 0)
            let session = Session(services: services)
            session.send(.request(id: .number(1), method: "textDocument/hover", params: .null))
            #expect(session.response(to: 1).flatMap { try? $0.get() } == nil)  // before initialize: an error
            session.send(.request(id: .number(2), method: "initialize", params: .object([:])))
            let capabilities = try #require(try session.response(to: 2)?.get()["capabilities"])
            #expect(capabilities["textDocumentSync"]?["change"] == .int(2))
            session.send(.notification(method: "initialized", params: .object([:])))
            session.send(Self.didOpen("file:///tmp/n%20b.md", "xx\nlet ⋅ = xyz + 1\n"))
            _ = session.wait {
                if case .notification("textDocument/publishDiagnostics", _) = $0 { true } else { false }
            }
            let published = try #require(session.published.first)
            #expect(published.uri == "file:///tmp/n%20b.md")
            #expect(published.version == 1)
            let diagnostic = try #require(published.diagnostics.first)
            #expect(diagnostic.message == "bad x in /tmp/n b.md")
            #expect(diagnostic.severity == LSPDiagnostic.error)
            // Column 9 in characters (after a 3-byte `⋅`) is UTF-16 offset 8, and the range covers `xyz`.
            #expect(
                diagnostic.range == TextRange(start: .init(line: 1, character: 8), end: .init(line: 1, character: 11)))
            #expect(diagnostic.relatedInformation?.first?.message == "first here")
            #expect(diagnostic.relatedInformation?.first?.location.range.start == Position(line: 0, character: 0))

            session.send(.request(id: .number(3), method: "textDocument/nothing", params: .null))
            #expect(throws: ResponseError.self) { try session.response(to: 3)?.get() }
            session.send(.request(id: .number(4), method: "shutdown", params: .null))
            #expect(try session.response(to: 4)?.get() == .null)
            session.send(.notification(method: "exit", params: .null))
            let deadline = Date().addingTimeInterval(5)
            while session.exitCode.value == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            #expect(session.exitCode.value == 0)
        }

        @Test func theLastEditWinsAndStaleChecksAreNotPublished() throws {
            // Each check takes a while; edits arrive faster than that.
            let checked = Shared<[String]>([])
            let services = LanguageServer.Services(
                diagnose: { text, file in
                    checked.update { $0.append(text) }
                    Thread.sleep(forTimeInterval: 0.1)
                    return [Diagnostic(.warning, text, at: SourceLocation(file: file, line: 1, column: 1))]
                }, swift: nil, diagnosticsDelay: 0.05)
            let session = Session(services: services)
            session.send(.request(id: .number(1), method: "initialize", params: .object([:])))
            _ = session.response(to: 1)
            let uri = "file:///tmp/edits.md"
            session.send(Self.didOpen(uri, ""))
            for version in 2...30 {
                session.send(
                    .notification(
                        method: "textDocument/didChange",
                        params: .object([
                            "textDocument": .object(["uri": .string(uri), "version": .int(version)]),
                            "contentChanges": .array([
                                .object([
                                    "range": .object([
                                        "start": .object(["line": .int(0), "character": .int(version - 2)]),
                                        "end": .object(["line": .int(0), "character": .int(version - 2)])
                                    ]), "text": .string("a")
                                ])
                            ])
                        ])))
                Thread.sleep(forTimeInterval: 0.01)
            }
            let final = String(repeating: "a", count: 29)
            _ = session.wait { message in
                guard case .notification("textDocument/publishDiagnostics", let params) = message,
                    let published = try? params.decode(PublishDiagnosticsParams.self)
                else { return false }
                return published.version == 30
            }
            Thread.sleep(forTimeInterval: 0.3)
            let published = session.published
            #expect(published.last?.version == 30)
            #expect(published.last?.diagnostics.first?.message == final)
            // Far fewer checks than edits, and nothing published for a text that was already old.
            #expect(checked.value.count < 15)
            #expect(published.allSatisfy { $0.version == 30 || $0.version == 1 })
        }
    }
}
