import Foundation

/// The report's Content-Security-Policy, opened just enough for the preview's own script.
///
/// A report allows no script but KaTeX's and connects nowhere (see docs/security.md). The
/// preview adds a script that listens to `/events`; its page's policy also allows that
/// script, by a nonce made for this page, and connections to the preview itself. A report
/// made with `--unsafe-html` already runs any inline script, and keeps its policy but for
/// the connection. A template without nbrun's policy tag is left as it is.
enum PreviewPolicy {
    static let tag = "<meta http-equiv=\"Content-Security-Policy\" content=\""

    /// A fresh nonce for one page.
    static func nonce() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "")
    }

    /// `page` with its policy allowing the script with `nonce` and connections to this server.
    static func allowingPreview(_ page: String, nonce: String) -> String {
        guard let start = page.range(of: tag), let end = page[start.upperBound...].firstIndex(of: "\"") else {
            return page
        }
        // The template escaped the policy's quotes; its directives are `;`-separated.
        let policy = page[start.upperBound..<end].replacingOccurrences(of: "&#39;", with: "'")
        var directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        if let index = directives.firstIndex(where: { $0.hasPrefix("script-src ") }),
            !directives[index].contains("'unsafe-inline'")
        {
            let sources = directives[index].split(separator: " ").dropFirst().filter { $0 != "'none'" }
            directives[index] = (["script-src"] + sources.map(String.init) + ["'nonce-\(nonce)'"]).joined(
                separator: " ")
        }
        directives.append("connect-src 'self'")
        var result = page
        result.replaceSubrange(start.upperBound..<end, with: directives.joined(separator: "; ").htmlEscaped)
        return result
    }
}
