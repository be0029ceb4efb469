import Foundation

/// KaTeX's style, and its script when the browser has to typeset the math, read from
/// Debian's `libjs-katex` and `fonts-katex` and made self-contained, so an HTML report
/// shows its math with no network.
///
/// The style's fonts are inlined as `data:` URIs, woff2 only (every browser that runs
/// KaTeX reads woff2; the woff and ttf copies would double the size). nbrun reads
/// these files when it writes a report rather than carrying copies of its own.
struct KaTeXAssets: Sendable, Codable {
    /// `katex.min.css`, with every font inlined.
    var style: String
    /// `katex.min.js` and nbrun's `katex-browser.js`, which typesets the formulas nbrun
    /// marked; nil when nbrun typeset them itself.
    var script: String?

    /// Reads KaTeX from `root` (Debian's is `/usr/share/javascript/katex`, whose `fonts/`
    /// links to `fonts-katex`'s files), and its script too when `browserMacros` is given:
    /// the macros the browser is to typeset the formulas with. Throws
    /// ``ReportError/missingKaTeX(_:)`` naming the first file that is missing, so the user
    /// knows which package to install.
    init(root: URL, browserMacros: [String: String]? = nil) throws(ReportError) {
        let css = try Self.read(root.appendingPathComponent("katex.min.css"))
        if let browserMacros {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys  // and "/" escaped, so no "</script" can appear
            let macros = (try? encoder.encode(browserMacros)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            script =
                try Self.read(root.appendingPathComponent("katex.min.js")) + "\n"
                + "var nbrunMacros = \(macros);\n" + (try TemplateStore.resource("katex-browser.js"))
        }
        style = try Self.inliningFonts(in: css, root: root)
        // Inlined text must not be able to close the element that holds it.
        guard !Self.contains(script ?? "", "</script"), !Self.contains(style, "</style") else {
            throw .badKaTeX("its files contain </script or </style, so they can't be inlined")
        }
    }

    /// ``init(root:browserMacros:)``, kept in `cache` between reports: reading and inlining
    /// 20 fonts took a sixteenth of a warm run. An entry is keyed by the size and time of
    /// every file it was made from, so an upgraded KaTeX is read afresh.
    static func cached(root: URL, browserMacros: [String: String]?, cache: URL?) throws(ReportError) -> KaTeXAssets {
        guard let cache else { return try KaTeXAssets(root: root, browserMacros: browserMacros) }
        var hasher = StableHasher()
        hasher.combine("katex assets 1")
        hasher.combine(root.path)
        for (key, value) in (browserMacros ?? [:]).sorted(by: { $0.key < $1.key }) { hasher.combine(key + "=" + value) }
        hasher.combine(browserMacros == nil ? "no script" : "script")
        let fonts =
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("fonts").path)) ?? [])
            .sorted().map { "fonts/" + $0 }
        for name in ["katex.min.css", "katex.min.js"] + fonts {
            let url = root.appendingPathComponent(name).resolvingSymlinksInPath()
            let attributes = (try? FileManager.default.attributesOfItem(atPath: url.path)) ?? [:]
            hasher.combine(name)
            hasher.combine("\((attributes[.size] as? NSNumber)?.intValue ?? -1)")
            hasher.combine("\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        }
        hasher.combine(TemplateStore.resourceDigest("katex-browser.js"))
        let file = cache.appendingPathComponent("katex-\(hasher.hexDigest).json")
        if let data = FileManager.default.contents(atPath: file.path),
            let assets = try? JSONDecoder().decode(KaTeXAssets.self, from: data)
        {
            return assets
        }
        let assets = try KaTeXAssets(root: root, browserMacros: browserMacros)
        if let data = try? JSONEncoder().encode(assets) {
            try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            try? AtomicFile().write(String(decoding: data, as: UTF8.self), to: file)
        }
        return assets
    }

    /// Replaces each `src:url(fonts/X.woff2) format('woff2'),url(…woff)…,url(…ttf)…`
    /// with the woff2 file as a `data:` URI.
    private static func inliningFonts(in css: String, root: URL) throws(ReportError) -> String {
        let source = /src:url\(fonts\/([A-Za-z0-9_-]+)\.woff2\) format\('woff2'\)(?:,url\([^)]*\) format\('[a-z]+'\))*/
        var result = ""
        var position = css.startIndex
        for match in css.matches(of: source) {
            let file = root.appendingPathComponent("fonts/\(match.output.1).woff2")
            guard let data = FileManager.default.contents(atPath: file.path) else { throw .missingKaTeX(file.path) }
            result += css[position..<match.range.lowerBound]
            result += "src:url(data:font/woff2;base64,\(data.base64EncodedString())) format('woff2')"
            position = match.range.upperBound
        }
        result += css[position...]
        guard !contains(result, "url(fonts/") else {
            throw .badKaTeX("\(root.path)/katex.min.css names fonts in a form nbrun doesn't know")
        }
        return result
    }

    /// Whether `text` contains `needle`, byte for byte. Foundation's `contains` goes
    /// through NSString and took a quarter of a warm run on these 0.3 MB strings.
    private static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let first = pattern.first, haystack.count >= pattern.count else { return pattern.isEmpty }
                var index = 0
                let last = haystack.count - pattern.count
                while index <= last {
                    if haystack[index] == first,
                        UnsafeBufferPointer(rebasing: haystack[index..<(index + pattern.count)]).elementsEqual(pattern)
                    {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }

    private static func read(_ file: URL) throws(ReportError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .missingKaTeX(file.path) }
        return String(decoding: data, as: UTF8.self)
    }
}
