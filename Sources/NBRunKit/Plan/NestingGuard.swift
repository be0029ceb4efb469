@_spi(Testing) import SwiftParser
@_spi(RawSyntax) import SwiftSyntax

/// Keeps swift-syntax's parser away from code it would take minutes over.
///
/// swift-syntax 603.0.1 decides whether a `[` starts a type by looking ahead twice for
/// each `[` that directly follows another (once for an InlineArray type, `[3 of Int]`,
/// once for an ordinary array type), so parsing a run of directly nested brackets takes
/// time that doubles with each one: 16 levels take about a second, 22 take 40. swiftc's
/// own parser has no such problem. The lexer is linear, so nbrun counts the run first
/// and, past ``limit``, doesn't parse the cell.
enum NestingGuard {
    /// The longest run of directly nested `[` nbrun parses (about 0.1 s in a release build).
    static let limit = 14

    /// Where a run of more than ``limit`` directly nested `[` starts (a UTF-8 offset), and how long it is.
    static func problem(in source: String) -> (offset: Int, depth: Int)? {
        var text = source
        return text.withUTF8 { buffer -> (offset: Int, depth: Int)? in
            var tracker = LookaheadTracker()
            return withUnsafeMutablePointer(to: &tracker) { pointer -> (offset: Int, depth: Int)? in
                var run = 0
                var start = 0
                var offset = 0
                for lexeme in Lexer.tokenize(buffer, lookaheadTracker: pointer, experimentalFeatures: []) {
                    let tokenStart = offset + lexeme.leadingTriviaText.count
                    if lexeme.rawTokenKind == .leftSquare {
                        if run == 0 { start = tokenStart }
                        run += 1
                        if run > limit { return (start, run) }
                    } else {
                        run = 0
                    }
                    offset += lexeme.byteLength
                    if lexeme.rawTokenKind == .endOfFile { break }
                }
                return nil
            }
        }
    }
}
