/// Makes the raw HTML of a notebook's prose inert: what cmark-gfm parsed as an HTML node
/// (a whole HTML block, or one inline tag) is read by the grammar CommonMark gives raw HTML
/// (tags with their attributes, closing tags, comments, declarations, processing
/// instructions, CDATA), and written out again from what was read: the elements and
/// attributes of the allow-list below, with their values escaped, and everything else as
/// escaped text, or not at all.
///
/// Since the output is re-written rather than filtered, nothing the browser could read
/// otherwise than this reader did gets through: a tag that doesn't parse becomes text.
/// `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, `<meta>`, `<base>`, `<form>`
/// and every `on…` attribute are dropped (a script's or style's content with them), and a
/// link or image whose URL has a scheme other than http, https or mailto (an image may
/// also be a `data:image/…`) loses that URL. docs/security.md lists the allow-list.
enum HTMLSanitizer {
    /// The elements kept, each with the attributes it may carry besides ``globalAttributes``.
    static let elements: [String: Set<String>] = [
        "a": ["href"], "abbr": [], "b": [], "blockquote": ["cite"], "br": [], "caption": [], "center": [],
        "code": [], "dd": [], "del": [], "details": ["open"], "div": ["align"], "dl": [], "dt": [], "em": [],
        "figcaption": [], "figure": [], "h1": ["align"], "h2": ["align"], "h3": ["align"], "h4": ["align"],
        "h5": ["align"], "h6": ["align"], "hr": [], "i": [], "img": ["src", "alt", "width", "height", "align"],
        "ins": [], "kbd": [], "li": ["value"], "mark": [], "ol": ["start", "type", "reversed"], "p": ["align"],
        "picture": [], "pre": [], "q": ["cite"], "s": [], "samp": [], "small": [], "span": [], "strike": [],
        "strong": [], "sub": [], "summary": [], "sup": [], "table": [], "tbody": [],
        "td": ["align", "colspan", "rowspan"],
        "tfoot": [], "th": ["align", "colspan", "rowspan", "scope"], "thead": [], "tr": [], "tt": [], "u": [],
        "ul": [], "var": [], "wbr": []
    ]
    /// Attributes any kept element may carry.
    static let globalAttributes: Set<String> = ["title", "lang", "dir", "id", "class"]
    /// Elements dropped with everything up to their closing tag.
    static let droppedWithContent: Set<String> = ["script", "style", "textarea", "title", "xmp", "noembed", "noframes"]

    /// The inert version of `raw`, the literal of one HTML node cmark-gfm parsed.
    static func sanitize(_ raw: String) -> String {
        var reader = Reader(Array(raw.utf8))
        var output = ""
        var skippingUntil: String?
        var text: [UInt8] = []
        func flushText() {
            if skippingUntil == nil { output += escapeText(text) }
            text.removeAll()
        }
        while !reader.atEnd {
            guard reader.peek == UInt8(ascii: "<"), let token = reader.markup() else {
                text.append(reader.next())
                continue
            }
            flushText()
            switch token {
            case .open(let name, let attributes, let selfClosing):
                guard skippingUntil == nil else { continue }
                if droppedWithContent.contains(name), !selfClosing {
                    skippingUntil = name
                } else if let allowed = elements[name] {
                    output += "<" + name
                    for (attribute, value) in attributes
                    where allowed.contains(attribute) || globalAttributes.contains(attribute) {
                        guard let value else {
                            output += " " + attribute
                            continue
                        }
                        guard let safe = safeURL(value, of: attribute, in: name) else { continue }
                        output += " \(attribute)=\"\(escapeAttribute(safe))\""
                    }
                    output += selfClosing ? " />" : ">"
                }
            case .close(let name):
                if let skipped = skippingUntil {
                    if skipped == name { skippingUntil = nil }
                } else if elements[name] != nil {
                    output += "</\(name)>"
                }
            case .other:
                continue  // comments, declarations, processing instructions, CDATA
            }
        }
        flushText()
        return output
    }

    /// The value an attribute may keep: URLs only with a harmless scheme.
    static func safeURL(_ value: String, of attribute: String, in element: String) -> String? {
        guard ["href", "src", "cite"].contains(attribute) else { return value }
        // Browsers ignore control characters and spaces in a scheme (`java\tscript:`).
        let squeezed = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        let scheme = squeezed.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme.count < squeezed.count, squeezed[scheme.endIndex] == ":" else { return value }  // relative
        if ["http", "https", "mailto"].contains(String(scheme)) { return value }
        if element == "img", attribute == "src", squeezed.hasPrefix("data:image/"),
            !squeezed.hasPrefix("data:image/svg")
        {
            return value
        }
        return nil
    }

    private static func escapeText(_ bytes: [UInt8]) -> String {
        // `&` stays: raw HTML's text may hold entities, which are inert.
        var text = ""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func escapeAttribute(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

// MARK: - Reading raw HTML as CommonMark defines it

extension HTMLSanitizer {
    enum Markup {
        case open(name: String, attributes: [(String, String?)], selfClosing: Bool)
        case close(name: String)
        /// A comment, declaration, processing instruction or CDATA section.
        case other
    }

    /// Reads raw HTML by the grammar of CommonMark's spec, section "Raw HTML".
    struct Reader {
        let bytes: [UInt8]
        var position = 0
        /// Where a search for each terminator last failed: none lies beyond, so many unclosed
        /// `<!--` cost one scan, not one each.
        private var notFoundFrom: [String: Int] = [:]

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[position] }

        mutating func next() -> UInt8 {
            defer { position += 1 }
            return bytes[position]
        }

        /// The markup at `<`, consumed; nil (nothing consumed) when `<` starts no markup.
        mutating func markup() -> Markup? {
            let start = position
            let found = readMarkup()
            if found == nil { position = start }
            return found
        }

        private mutating func readMarkup() -> Markup? {
            position += 1  // <
            if skip("!--") { return skip(through: "-->") ? .other : nil }
            if skip("![CDATA[") { return skip(through: "]]>") ? .other : nil }
            if skip("?") { return skip(through: "?>") ? .other : nil }
            if skip("!") { return isLetter(peek) && skip(through: ">") ? .other : nil }
            if skip("/") {
                guard let name = tagName() else { return nil }
                skipWhitespace()
                return skip(">") ? .close(name: name) : nil
            }
            guard let name = tagName() else { return nil }
            var attributes: [(String, String?)] = []
            while true {
                let hadSpace = skipWhitespace()
                if skip("/>") { return .open(name: name, attributes: attributes, selfClosing: true) }
                if skip(">") { return .open(name: name, attributes: attributes, selfClosing: false) }
                guard hadSpace, let attribute = attributeName() else { return nil }
                let beforeValue = position
                skipWhitespace()
                if skip("=") {
                    skipWhitespace()
                    guard let value = attributeValue() else { return nil }
                    attributes.append((attribute, value))
                } else {
                    position = beforeValue
                    attributes.append((attribute, nil))
                }
            }
        }

        private mutating func tagName() -> String? {
            guard isLetter(peek) else { return nil }
            let start = position
            while let byte = peek, isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
        }

        private mutating func attributeName() -> String? {
            guard let first = peek, isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else {
                return nil
            }
            let start = position
            while let byte = peek, isLetter(byte) || isDigit(byte) || "_.:-".utf8.contains(byte) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
        }

        private mutating func attributeValue() -> String? {
            guard let first = peek else { return nil }
            let start: Int
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                position += 1
                start = position
                while let byte = peek, byte != first { position += 1 }
                guard !atEnd else { return nil }
                defer { position += 1 }
                return decodeEntities(bytes[start..<position])
            }
            start = position
            while let byte = peek, !isWhitespace(byte), !"\"'=<>`".utf8.contains(byte) { position += 1 }
            return position > start ? decodeEntities(bytes[start..<position]) : nil
        }

        /// The value as the browser reads it, for the scheme check: numeric and the common named entities.
        private func decodeEntities(_ slice: ArraySlice<UInt8>) -> String {
            let text = String(decoding: slice, as: UTF8.self)
            guard text.contains("&") else { return text }
            var result = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                result += rest[..<amp]
                rest = rest[amp...]
                let entity = rest.dropFirst().prefix { $0 != ";" && $0 != "&" && $0 != " " }
                var decoded: String?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    decoded = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if entity.hasPrefix("#") {
                    decoded = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded =
                        [
                            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":",
                            "tab": "\t", "newline": "\n"
                        ][String(entity).lowercased()]
                }
                if let decoded {
                    result += decoded
                    rest = rest.dropFirst(1 + entity.count)
                    if rest.first == ";" { rest = rest.dropFirst() }
                } else {
                    result += "&"
                    rest = rest.dropFirst()
                }
            }
            return result + rest
        }

        @discardableResult
        private mutating func skipWhitespace() -> Bool {
            let start = position
            while let byte = peek, isWhitespace(byte) { position += 1 }
            return position > start
        }

        private mutating func skip(_ literal: String) -> Bool {
            let pattern = Array(literal.utf8)
            guard bytes.count - position >= pattern.count,
                bytes[position..<position + pattern.count].elementsEqual(pattern, by: { lower($0) == lower($1) })
            else { return false }
            position += pattern.count
            return true
        }

        /// Moves past the first `terminator` from here; false (and nowhere) when there is none.
        private mutating func skip(through terminator: String) -> Bool {
            if let failed = notFoundFrom[terminator], failed <= position { return false }
            let pattern = Array(terminator.utf8)
            var index = position
            while index + pattern.count <= bytes.count {
                if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                    position = index + pattern.count
                    return true
                }
                index += 1
            }
            notFoundFrom[terminator] = position
            return false
        }

        private func lower(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
        private func isLetter(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower(byte))
        }
        private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        private func isWhitespace(_ byte: UInt8) -> Bool { [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(byte) }
    }
}
