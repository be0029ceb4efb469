import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A top-level block of a Markdown document, as cmark-gfm parsed it.
///
/// This is the only shape in which cmark's tree leaves this file: plain values,
/// with 1-based line numbers that count lines of the text given to the parser.
struct MarkdownBlock: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A fenced code block: its info string, its literal content, and its fence.
        case fencedCode(info: String, literal: String, fence: Character, fenceLength: Int, indent: Int)
        /// A heading, with its level and plain text.
        case heading(level: Int, text: String)
        /// Any other block (paragraph, heading, list, indented code, table, HTML …).
        case other(type: String)
    }

    var kind: Kind
    var startLine: Int
    var endLine: Int
}

/// The one place that talks to cmark-gfm's C API.
///
/// Everything is converted to Swift values and freed before returning; nothing
/// else in nbrun knows that cmark exists.
enum CommonMarkConverter {
    /// The GFM core extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Parses `markdown` and returns its top-level blocks in document order.
    static func blocks(of markdown: String) -> [MarkdownBlock] {
        withDocument(markdown, options: CMARK_OPT_DEFAULT) { document, _ in
            var result: [MarkdownBlock] = []
            var node = cmark_node_first_child(document)
            while let current = node {
                result.append(block(from: current))
                node = cmark_node_next(current)
            }
            return result
        }
    }

    /// Renders `markdown` to HTML with the GFM extensions.
    ///
    /// Raw HTML goes through GFM's tagfilter unless `unsafe` is true, in which case it
    /// is passed through as written.
    ///
    /// `headingID` is called once per top-level heading, in document order, with its
    /// level and plain text; the id it returns (already safe for an attribute) is put
    /// on the heading element, as in `<h2 id="…">`. cmark itself adds no ids.
    static func html(of markdown: String, unsafe: Bool = false,
                     headingID: (_ level: Int, _ text: String) -> String? = { _, _ in nil }) -> String {
        // tagfilter only acts with CMARK_OPT_UNSAFE; without it raw HTML is dropped whole.
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        return withDocument(markdown, options: options, tagfilter: !unsafe) { document, parser in
            let extensions = cmark_parser_get_syntax_extensions(parser)
            var node = cmark_node_first_child(document)
            while let current = node {
                node = cmark_node_next(current)
                guard cmark_node_get_type(current) == CMARK_NODE_HEADING else { continue }
                let level = Int(cmark_node_get_heading_level(current))
                guard let id = headingID(level, plainText(of: current)) else { continue }
                // Swap the heading for a raw HTML block holding its own rendering, with the id added.
                let rendered = render(current, options: options, extensions: extensions)
                let tag = "<h\(level)"
                precondition(rendered.hasPrefix(tag + ">"), "cmark renders a heading as <hN>…")
                guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { preconditionFailure("cmark_node_new failed") }
                cmark_node_set_literal(block, tag + " id=\"\(id)\"" + rendered.dropFirst(tag.count))
                cmark_node_replace(current, block)
                cmark_node_free(current)
            }
            return render(document, options: options, extensions: extensions)
        }
    }

    /// The line ranges of every code block (fenced or indented, at any depth), fences included.
    static func codeBlockLines(of markdown: String) -> [ClosedRange<Int>] {
        withDocument(markdown, options: CMARK_OPT_DEFAULT) { document, _ in
            guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new failed") }
            defer { cmark_iter_free(iterator) }
            var ranges: [ClosedRange<Int>] = []
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                      let node = cmark_iter_get_node(iterator),
                      cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { continue }
                let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
                ranges.append(start...max(start, end))
            }
            return ranges
        }
    }

    // MARK: - Private

    private static func withDocument<T>(
        _ markdown: String, options: Int32, tagfilter: Bool = true,
        _ body: (OpaquePointer, OpaquePointer) -> T
    ) -> T {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(options) else {
            preconditionFailure("cmark_parser_new failed")
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames where tagfilter || name != "tagfilter" {
            guard let ext = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm extension '\(name)' is not registered")
            }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            preconditionFailure("cmark_parser_finish returned no document")
        }
        defer { cmark_node_free(document) }
        return body(document, parser)
    }

    /// `node` and its children as HTML; the C string is freed here.
    private static func render(_ node: OpaquePointer, options: Int32,
                               extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let rendered = cmark_render_html(node, options, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The literal text under `node`, without markup.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            if let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else {
                text += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    private static func block(from node: OpaquePointer) -> MarkdownBlock {
        let start = Int(cmark_node_get_start_line(node))
        let end = Int(cmark_node_get_end_line(node))
        let type = String(cString: cmark_node_get_type_string(node))
        if cmark_node_get_type(node) == CMARK_NODE_HEADING {
            let level = Int(cmark_node_get_heading_level(node))
            return MarkdownBlock(kind: .heading(level: level, text: plainText(of: node)), startLine: start, endLine: end)
        }
        guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else {
            return MarkdownBlock(kind: .other(type: type), startLine: start, endLine: end)
        }
        // cmark_node_get_fenced crashes on null out-pointers, so pass real ones.
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else {
            return MarkdownBlock(kind: .other(type: "indented_code_block"), startLine: start, endLine: end)
        }
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let fence = Character(Unicode.Scalar(UInt8(bitPattern: character)))
        return MarkdownBlock(
            kind: .fencedCode(info: info, literal: literal, fence: fence, fenceLength: Int(length), indent: Int(offset)),
            startLine: start, endLine: end)
    }
}
