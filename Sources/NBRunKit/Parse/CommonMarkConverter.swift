import CCmarkGFM
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A block of a Markdown document, as cmark-gfm parsed it.
///
/// This is the only shape in which cmark's tree leaves this file: plain values,
/// with 1-based line numbers that count lines of the text given to the parser.
struct MarkdownBlock: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case fencedCode(FencedCode)
        /// A heading, with its level and plain text.
        case heading(level: Int, text: String)
        /// Any other block (paragraph, list, block quote, indented code, table, HTML …).
        case other(type: String)
    }

    /// A fenced code block.
    struct FencedCode: Equatable, Sendable {
        var info: String
        /// The code between the fences, with the containers' prefixes and the fence's
        /// indentation removed; one `\n`-terminated line per line of the notebook.
        var literal: String
        var fence: Character
        var fenceLength: Int
        /// How far the opening fence is indented inside its container.
        var indent: Int
        /// Whether a closing fence ends the block. If not, the end of its list item or
        /// block quote ends it, or the end of the document.
        var isClosed: Bool
    }

    /// A block that can hold other blocks.
    enum Container: Equatable, Sendable {
        case blockQuote
        case listItem
    }

    var kind: Kind
    var startLine: Int
    /// The last line of the block. For fenced code, the closing fence, or the last line
    /// of code when there is none (cmark's own end line is then the line that ended the
    /// container, which belongs to the next block).
    var endLine: Int
    /// The block quotes and list items that hold the block, outermost first; empty for
    /// a block at the top level.
    var containers: [Container] = []
}

/// The one place that talks to cmark-gfm's C API.
///
/// Everything is converted to Swift values and freed before returning; nothing
/// else in nbrun knows that cmark exists.
enum CommonMarkConverter {
    /// The GFM core extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Parses `markdown` and returns, in document order, its top-level blocks and the
    /// fenced code blocks inside list items and block quotes, at any depth.
    ///
    /// Headings come only from the top level; everything else nested is left out.
    static func blocks(of markdown: String) -> [MarkdownBlock] {
        withDocument(markdown, options: CMARK_OPT_DEFAULT) { document, _ in
            var walker = BlockWalker(lines: SourceLines(markdown), blockStarts: blockStartLines(of: document))
            walker.walk(children: document, containers: [])
            return walker.blocks
        }
    }

    /// Renders `markdown` to HTML with the GFM extensions.
    ///
    /// Raw HTML is made inert (``HTMLSanitizer``: an allow-list of elements and attributes),
    /// and links and images keep only harmless URLs, unless `unsafe` is true, in which case
    /// both are passed through as written.
    ///
    /// `headingID` is called once per top-level heading, in document order, with its
    /// level and plain text; the id it returns (already safe for an attribute) is put
    /// on the heading element, as in `<h2 id="…">`. cmark itself adds no ids.
    static func html(
        of markdown: String, unsafe: Bool = false,
        headingID: (_ level: Int, _ text: String) -> String? = { _, _ in nil }
    ) -> String {
        html(of: markdown, unsafe: unsafe, cuttingAt: [], leavingOut: [], headingID: headingID)[0]
    }

    /// Renders `markdown` to HTML as one document, cut into pieces where some of its
    /// code blocks are, which are left out.
    ///
    /// Code blocks (fenced or indented, at any depth) are numbered from 0 in document
    /// order. The HTML is cut where each block numbered in `cuts` stood, so `cuts.count + 1`
    /// pieces come back (fewer if a number names no block); blocks numbered in `omitted`
    /// are just left out. A piece need
    /// not be balanced HTML: when a cut block sits in a list item, the item is opened in
    /// one piece and closed in a later one, so the pieces are meant to be joined with
    /// something else between them. See ``html(of:unsafe:headingID:)`` for the rest.
    static func html(
        of markdown: String, unsafe: Bool, cuttingAt cuts: Set<Int>, leavingOut omitted: Set<Int>,
        headingID: (_ level: Int, _ text: String) -> String?
    ) -> [String] {
        // tagfilter only acts with CMARK_OPT_UNSAFE; without it raw HTML is dropped whole.
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        var marker = "<!--nbrun-cut-->"
        while markdown.containsBytes(of: marker) { marker.insert("x", at: marker.index(marker.endIndex, offsetBy: -3)) }
        let html = withDocument(markdown, options: options, tagfilter: !unsafe) { document, parser in
            let extensions = cmark_parser_get_syntax_extensions(parser)
            // The author's raw HTML, before nbrun adds its own (heading ids, cut markers).
            if !unsafe { sanitizeRawHTML(in: document) }
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
                replace(current, withHTML: tag + " id=\"\(id)\"" + rendered.dropFirst(tag.count))
            }
            if !cuts.isEmpty || !omitted.isEmpty {
                for (number, block) in codeBlocks(of: document).enumerated() {
                    if cuts.contains(number) {
                        replace(block, withHTML: marker)
                    } else if omitted.contains(number) {
                        cmark_node_unlink(block)
                        cmark_node_free(block)
                    }
                }
            }
            return render(document, options: options, extensions: extensions)
        }
        // The marker is a line of its own; its line break goes with it.
        let pieces = html.pieces(separatedBy: marker)
        return pieces.enumerated().map { $0 == 0 || !$1.hasPrefix("\n") ? $1 : String($1.dropFirst()) }
    }

    /// Replaces the literal of every raw HTML node (block or inline) with its inert version,
    /// and the URL of a link or image that has a dangerous scheme (`javascript:`) with none
    /// (``HTMLSanitizer``).
    private static func sanitizeRawHTML(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new failed") }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                let raw = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                cmark_node_set_literal(node, HTMLSanitizer.sanitize(raw))
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let element = type == CMARK_NODE_LINK ? "a" : "img"
                let attribute = type == CMARK_NODE_LINK ? "href" : "src"
                if HTMLSanitizer.safeURL(url, of: attribute, in: element) == nil { cmark_node_set_url(node, "") }
            }
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
                    cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
                else { continue }
                let start = Int(cmark_node_get_start_line(node))
                let end = Int(cmark_node_get_end_line(node))
                ranges.append(start...max(start, end))
            }
            return ranges
        }
    }

    /// The plain text of the first top-level paragraph, or nil when there is none.
    static func firstParagraph(of markdown: String) -> String? {
        withDocument(markdown, options: CMARK_OPT_DEFAULT) { document, _ in
            var node = cmark_node_first_child(document)
            while let current = node {
                if cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH { return plainText(of: current) }
                node = cmark_node_next(current)
            }
            return nil
        }
    }

    // MARK: - Private

    /// Held around every use of cmark-gfm. Its extensions live in process-wide lists that
    /// `cmark_gfm_core_extensions_ensure_registered` fills without a lock, and a render
    /// parses its notebook and its prose on two threads (`alongside`): a fresh-clone CI
    /// run crashed once in cmark's `finalize` (`b->flags & CMARK_NODE__OPEN`) that way.
    private static let lock = NSLock()

    private static func withDocument<T>(
        _ markdown: String, options: Int32, tagfilter: Bool = true,
        _ body: (OpaquePointer, OpaquePointer) -> T
    ) -> T {
        lock.lock()
        defer { lock.unlock() }
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

    /// The code blocks under `document`, at any depth, in document order.
    ///
    /// Collected before the tree is changed: an iterator must not outlive a change.
    private static func codeBlocks(of document: OpaquePointer) -> [OpaquePointer] {
        guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new failed") }
        defer { cmark_iter_free(iterator) }
        var blocks: [OpaquePointer] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
            else { continue }
            blocks.append(node)
        }
        return blocks
    }

    /// Puts a raw HTML block holding `html` where `node` was, and frees `node`.
    private static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { preconditionFailure("cmark_node_new failed") }
        cmark_node_set_literal(block, html)
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    /// `node` and its children as HTML; the C string is freed here.
    private static func render(
        _ node: OpaquePointer, options: Int32,
        extensions: UnsafeMutablePointer<cmark_llist>?
    ) -> String {
        guard let rendered = cmark_render_html(node, options, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The literal text under `node`, without markup.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else if let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else {
                text += plainText(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    /// The lines on which some block starts.
    private static func blockStartLines(of document: OpaquePointer) -> Set<Int> {
        guard let iterator = cmark_iter_new(document) else { preconditionFailure("cmark_iter_new failed") }
        defer { cmark_iter_free(iterator) }
        var lines: Set<Int> = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                let node = cmark_iter_get_node(iterator)
            else { continue }
            lines.insert(Int(cmark_node_get_start_line(node)))
        }
        return lines
    }

    /// Collects ``MarkdownBlock``s from cmark's tree, depth first.
    private struct BlockWalker {
        let lines: SourceLines
        /// Where blocks start; a line that starts one cannot be a closing fence.
        let blockStarts: Set<Int>
        var blocks: [MarkdownBlock] = []

        mutating func walk(children parent: OpaquePointer, containers: [MarkdownBlock.Container]) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                child = cmark_node_next(node)
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_CODE_BLOCK, let block = fencedCode(node, containers: containers) {
                    blocks.append(block)
                    continue
                }
                if containers.isEmpty {
                    blocks.append(topLevel(node))
                }
                switch type {
                case CMARK_NODE_BLOCK_QUOTE: walk(children: node, containers: containers + [.blockQuote])
                case CMARK_NODE_LIST: walk(children: node, containers: containers)
                case CMARK_NODE_ITEM: walk(children: node, containers: containers + [.listItem])
                default: break
                }
            }
        }

        private func topLevel(_ node: OpaquePointer) -> MarkdownBlock {
            let start = Int(cmark_node_get_start_line(node))
            let end = Int(cmark_node_get_end_line(node))
            if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(node))
                return MarkdownBlock(
                    kind: .heading(level: level, text: CommonMarkConverter.plainText(of: node)), startLine: start,
                    endLine: end)
            }
            let type =
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
                ? "indented_code_block" : String(cString: cmark_node_get_type_string(node))
            return MarkdownBlock(kind: .other(type: type), startLine: start, endLine: end)
        }

        /// The block for a fenced code node, or nil for indented code.
        private func fencedCode(_ node: OpaquePointer, containers: [MarkdownBlock.Container]) -> MarkdownBlock? {
            // cmark_node_get_fenced crashes on null out-pointers, so pass real ones.
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { return nil }
            let start = Int(cmark_node_get_start_line(node))
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let fence = Character(Unicode.Scalar(UInt8(bitPattern: character)))
            // cmark ends every line of the literal with "\n", whatever the notebook's line breaks.
            let codeLines = literal.utf8.count { $0 == UInt8(ascii: "\n") }
            let after = start + codeLines + 1
            // The line after the code is not part of it, so either it closes the fence or it
            // ended the container. Then it starts a block of its own, or it is blank or a
            // link reference definition, which has no closing fence's shape.
            let closed =
                after <= lines.count && !blockStarts.contains(after)
                && lines.isClosingFence(line: after, fence: fence, length: Int(length))
            let code = MarkdownBlock.FencedCode(
                info: info, literal: literal, fence: fence, fenceLength: Int(length), indent: Int(offset),
                isClosed: closed)
            return MarkdownBlock(
                kind: .fencedCode(code), startLine: start, endLine: closed ? after : start + codeLines,
                containers: containers)
        }
    }
}
