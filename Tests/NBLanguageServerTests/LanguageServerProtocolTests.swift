import Foundation
import Testing

@testable import NBLanguageServer

extension Unit {
    /// The JSON-RPC layer of `nbrun lsp`: framing, messages, and documents as edits change them.
    @Suite struct LanguageServerProtocolTests {
        private func body(_ text: String) -> Data { Data(text.utf8) }

        @Test func framesAMessageWithItsByteLength() throws {
            let framed = MessageFraming.frame(body(#"{"a":"é"}"#))
            #expect(String(decoding: framed, as: UTF8.self) == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}")
        }

        @Test func deframesMessagesHoweverTheBytesArrive() throws {
            let one = MessageFraming.frame(body(#"{"id":1}"#))
            let two = MessageFraming.frame(body(#"{"id":2,"x":"ü"}"#))
            let stream = one + two
            // Byte by byte, then all at once: the same two bodies.
            for chunkSize in [1, 3, stream.count] {
                var deframer = MessageDeframer()
                var bodies: [String] = []
                var offset = 0
                while offset < stream.count {
                    deframer.append(stream[offset..<min(offset + chunkSize, stream.count)])
                    offset += chunkSize
                    while let next = try deframer.next() { bodies.append(String(decoding: next, as: UTF8.self)) }
                }
                #expect(bodies == [#"{"id":1}"#, #"{"id":2,"x":"ü"}"#])
            }
        }

        @Test func readsOtherHeadersAndAnyCaseOfContentLength() throws {
            var deframer = MessageDeframer()
            deframer.append(
                body("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"))
            #expect(try deframer.next() == body("{}"))
            #expect(try deframer.next() == nil)
        }

        @Test func aHeaderWithoutContentLengthIsAnError() {
            var deframer = MessageDeframer()
            deframer.append(body("Content-Type: x\r\n\r\n{}"))
            #expect(throws: FramingError.self) { try deframer.next() }
        }

        @Test func decodesRequestsNotificationsAndResponses() throws {
            let decode = { (text: String) in try JSONDecoder().decode(Message.self, from: Data(text.utf8)) }
            #expect(
                try decode(#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#)
                    == .request(id: .number(7), method: "shutdown", params: .null))
            #expect(
                try decode(#"{"jsonrpc":"2.0","id":"a","method":"m","params":{"x":[1,2.5,true,null]}}"#)
                    == .request(
                        id: .string("a"), method: "m",
                        params: .object(["x": .array([.int(1), .double(2.5), .bool(true), .null])])))
            #expect(try decode(#"{"jsonrpc":"2.0","method":"exit"}"#) == .notification(method: "exit", params: .null))
            #expect(
                try decode(#"{"jsonrpc":"2.0","id":3,"result":null}"#)
                    == .response(id: .number(3), result: .success(.null)))
            #expect(
                try decode(#"{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"no"}}"#)
                    == .response(id: .number(3), result: .failure(ResponseError(code: -32601, message: "no"))))
        }

        @Test func encodesMessagesDeterministically() throws {
            let message = Message.request(
                id: .number(1), method: "textDocument/hover",
                params: .object(["textDocument": .object(["uri": .string("file:///a/b.md")]), "b": .int(2)]))
            let text = String(decoding: try JSON.encode(message), as: UTF8.self)
            #expect(
                text
                    == #"{"id":1,"jsonrpc":"2.0","method":"textDocument/hover","params":{"b":2,"textDocument":{"uri":"file:///a/b.md"}}}"#
            )
            let error = Message.response(id: nil, result: .failure(ResponseError(code: -32700, message: "bad")))
            #expect(
                String(decoding: try JSON.encode(error), as: UTF8.self)
                    == #"{"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"}"#)
        }

        @Test func appliesIncrementalEditsInUTF16() {
            // "é" is one UTF-16 unit, "😀" two: positions after them count that way.
            var document = TextDocument(uri: "file:///n.md", version: 1, text: "é😀x\nline two\n")
            document.apply(
                [
                    .init(
                        range: TextRange(start: .init(line: 0, character: 3), end: .init(line: 0, character: 4)),
                        text: "Y"),
                    .init(range: TextRange(at: .init(line: 1, character: 4)), text: "-"),
                    .init(range: TextRange(at: .init(line: 9, character: 0)), text: "end")
                ], version: 2)
            #expect(document.text == "é😀Y\nline- two\nend")
            #expect(document.version == 2)
            document.apply([.init(range: nil, text: "whole")], version: 3)
            #expect(document.text == "whole")
        }

        @Test func convertsColumnsBetweenEncodings() {
            let line = "a⋅😀b"  // ⋅ is 3 UTF-8 bytes and 1 UTF-16 unit; 😀 is 4 and 2
            #expect(LineColumns.utf8Column(ofUTF16: 0, in: line) == 1)
            #expect(LineColumns.utf8Column(ofUTF16: 2, in: line) == 5)
            #expect(LineColumns.utf8Column(ofUTF16: 4, in: line) == 9)
            #expect(LineColumns.utf16Offset(ofUTF8: 9, in: line) == 4)
            #expect(LineColumns.utf16Offset(ofCharacter: 4, in: line) == 4)
            #expect(LineColumns.utf16Offset(ofUTF8: 99, in: line) == 5)
        }
    }
}
