import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// A report is inert: the raw HTML of its prose is written again from an allow-list, and
    /// its Content-Security-Policy lets nothing in from outside the file.
    @Suite struct ReportSafetyTests {
        /// The HTML of `markdown` as a report's prose, sanitised (or not).
        private func prose(_ markdown: String, unsafe: Bool = false) -> String {
            CommonMarkConverter.html(of: markdown, unsafe: unsafe)
        }

        @Test(arguments: [
            ("<img src=x onerror=alert(1)>", "<img src=\"x\">\n"),
            ("<a href=\"javascript:alert(1)\">go</a>", "<p><a>go</a></p>\n"),
            ("<a href=\"java&#x09;script:alert(1)\">go</a>", "<p><a>go</a></p>\n"),
            ("<a href=' JAVASCRIPT:alert(1)'>go</a>", "<p><a>go</a></p>\n"),
            (
                "<a href=\"https://example.org/?a=1&b=2\" title=t>go</a>",
                "<p><a href=\"https://example.org/?a=1&amp;b=2\" title=\"t\">go</a></p>\n"
            ),
            ("<meta http-equiv=refresh content=\"0;url=file:///etc/passwd\">", "\n"),
            ("<base href=\"https://attacker.example/\">", "\n"),
            ("<object data=\"file:///etc/os-release\"></object>", "<p></p>\n"),
            ("<embed src=\"file:///etc/hostname\">", "\n"),
            ("<iframe src=\"file:///etc/hostname\"></iframe>", "\n"),
            ("<script>alert(1)</script>", "\n"),
            // Inline, each tag is a node of its own: what was between them stays, as text.
            ("Text <script>alert(1)</script> after", "<p>Text alert(1) after</p>\n"),
            ("<style>body { display: none }</style>", "\n"),
            ("<form action=x><input name=a></form>", "\n"),
            ("<!-- a comment -->", "\n"),
            (
                "<details open><summary>More</summary>\n\ntext\n\n</details>",
                "<details open><summary>More</summary>\n<p>text</p>\n</details>\n"
            ),
            ("<div align=\"center\" style=\"color: red\" onclick=\"x()\">", "<div align=\"center\">\n"),
            (
                "H<sub>2</sub>O and x<sup>2</sup>, <kbd>Ctrl</kbd>",
                "<p>H<sub>2</sub>O and x<sup>2</sup>, <kbd>Ctrl</kbd></p>\n"
            ),
            (
                "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">",
                "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">\n"
            ),
            ("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", "<img>\n"),
            ("[link](javascript:alert(1))", "<p><a href=\"\">link</a></p>\n"),
            ("![image](file:///etc/os-release)", "<p><img src=\"\" alt=\"image\" /></p>\n")
        ])
        func rawHTMLIsWrittenAgainFromTheAllowList(markdown: String, html: String) {
            #expect(prose(markdown) == html)
        }

        @Test func textThatLooksLikeATagButIsNotOneBecomesText() {
            #expect(
                prose("<div>\na < b and <img src=x onerror=alert(1)//\n</div>")
                    == "<div>\na &lt; b and &lt;img src=x onerror=alert(1)//\n</div>\n")
        }

        @Test func unsafeHTMLPassesTheHTMLAsWritten() {
            let raw = "<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>"
            #expect(prose(raw, unsafe: true) == "<img src=x onerror=alert(1)>\n<script>alert(1)</script>\n")
        }

        @Test func manyUnclosedCommentsCostOneScan() {
            let raw = "<div>" + String(repeating: "<!-- ", count: 50_000)
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = HTMLSanitizer.sanitize(raw) }
            #expect(HTMLSanitizer.sanitize("<div><!-- <!-- x") == "<div>&lt;!-- &lt;!-- x")
            #expect(elapsed < .seconds(5), "\(elapsed)")
        }

        @Test func sha256MatchesTheStandardsVectors() {
            func hex(_ text: String) -> String {
                SHA256.digest(Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            }
            #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                    == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
            #expect(SHA256.cspSource(for: "abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
        }

        @Test func thePolicyAllowsOnlyWhatIsInsideTheReport() {
            let plain = ReportContext.contentSecurityPolicy(script: nil, unsafeHTML: false)
            #expect(
                plain
                    == "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                    + "script-src 'none'; base-uri 'none'; form-action 'none'")
            let katex = ReportContext.contentSecurityPolicy(script: "abc", unsafeHTML: false)
            #expect(katex.contains("script-src 'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=';"))
            #expect(
                ReportContext.contentSecurityPolicy(script: "abc", unsafeHTML: true).contains(
                    "script-src 'unsafe-inline';"))
        }
    }
}
