import Testing

@testable import NBPreview

extension Unit {
    @Suite struct LivePageTests {
        static let report = """
            <!DOCTYPE html><html><head><title>t</title><style>x</style></head>
            <body>
            <main><pre class="stdout">1.0</pre></main>
            <script>var s = "</body>";</script>
            </body></html>
            """

        @Test func addsStyleBeforeHeadEndAndScriptBeforeTheLastBodyEnd() {
            let html = LivePage(report: Self.report, version: 7).html
            #expect(html.contains("<style>x</style><style id=\"nbrun-preview-style\">"))
            #expect(html.contains("var version = 7,"))
            // The script goes after the report's own scripts, even one that spells "</body>".
            let script = html.range(of: "<script id=\"nbrun-preview-script\" nonce=\"")!
            #expect(html.range(of: "var s = \"</body>\";")!.upperBound < script.lowerBound)
            #expect(html.hasSuffix("</script>\n</body></html>"))
            #expect(!html.contains("nbrun-preview-problems\" role"))
            #expect(!html.contains("nbrun-preview-stale"))
        }

        @Test func aFailureShowsEscapedDiagnosticsFirstInTheBody() {
            let html = LivePage(report: Self.report, problems: "a.md:3:5: error: 'x' <y> & z", stale: true, version: 2)
                .html
            let banner = html.range(of: "<div id=\"nbrun-preview-problems\" role=\"alert\">")!
            #expect(html[..<banner.lowerBound].hasSuffix("<body>"))
            #expect(html.contains("<pre>a.md:3:5: error: &#39;x&#39; &lt;y&gt; &amp; z</pre>"))
            #expect(html.contains("<style id=\"nbrun-preview-stale\">"))
            #expect(html.contains("<pre class=\"stdout\">1.0</pre>"))
        }

        @Test func withoutAReportTheWaitingPageListensForIt() {
            let html = LivePage(version: 0).html
            #expect(html.contains("Running the notebook…"))
            #expect(html.contains("new EventSource("))
        }

        @Test func aTemplateWithoutHeadOrBodyStillGetsEverything() {
            let html = LivePage(report: "<p>bare</p>", problems: "oops", version: 1).html
            #expect(html.hasPrefix("<style id=\"nbrun-preview-style\">"))
            #expect(html.contains("<pre>oops</pre>"))
            #expect(html.contains("<p>bare</p>"))
            #expect(html.hasSuffix("</script>\n"))
        }

        @Test func eventsAreWrittenInTheEventStreamFormat() {
            #expect(ServerEvent.reload(12).text == "event: reload\ndata: 12\n\n")
            #expect(ServerEvent.ping.text == ": ping\n\n")
        }
    }
}
