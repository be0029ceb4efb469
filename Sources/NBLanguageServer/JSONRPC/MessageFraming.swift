import Foundation

/// The base protocol's framing: each message is a header (`Content-Length: N`, lines
/// ending in CRLF, a blank line) followed by exactly N bytes of JSON.
public enum MessageFraming {
    /// A message's bytes with their header.
    public static func frame(_ body: Data) -> Data {
        var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        data.append(body)
        return data
    }

    /// A message, encoded and framed.
    public static func frame(_ message: Message) throws -> Data {
        frame(try JSON.encode(message))
    }
}

/// What can go wrong reading framed messages.
public enum FramingError: Error, Equatable, Sendable {
    /// A header section without a usable `Content-Length`.
    case missingContentLength(header: String)
    /// A header line that isn't `Name: value`.
    case malformedHeader(String)
}

/// Cuts a byte stream into message bodies, however the bytes arrive (a message split
/// across reads, several messages in one read).
///
/// Headers other than `Content-Length` (`Content-Type`) are read and ignored, as the
/// protocol allows; header names are case-insensitive.
public struct MessageDeframer: Sendable {
    private var buffer = Data()

    public init() {}

    /// Adds bytes read from the stream.
    public mutating func append(_ data: Data) {
        buffer.append(data)
    }

    /// The next complete message body, or nil until more bytes arrive.
    public mutating func next() throws(FramingError) -> Data? {
        let separator = Data("\r\n\r\n".utf8)
        guard let end = buffer.range(of: separator) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        var length: Int?
        for line in header.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedHeader(line) }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" { length = Int(value) }
        }
        guard let length, length >= 0 else { throw .missingContentLength(header: header) }
        let bodyStart = end.upperBound
        guard buffer.distance(from: bodyStart, to: buffer.endIndex) >= length else { return nil }
        let bodyEnd = buffer.index(bodyStart, offsetBy: length)
        let body = Data(buffer[bodyStart..<bodyEnd])
        buffer = Data(buffer[bodyEnd...])
        return body
    }
}
