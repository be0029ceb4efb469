import Foundation
import Testing

@testable import NBPreview

extension Unit {
    /// The preview's page keeps the report's Content-Security-Policy, opened only for the
    /// preview's own script and its event stream.
    @Suite struct PreviewPolicyTests {
        static func report(scripts: String) -> String {
            """
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; \
            img-src data:; font-src data:; script-src \(scripts); base-uri &#39;none&#39;; form-action &#39;none&#39;">
            <title>t</title></head><body><main>1.0</main></body></html>
            """
        }

        /// The policy in a page, unescaped, and the nonce of the preview's script.
        static func policyAndNonce(_ html: String) throws -> (String, String) {
            let start = try #require(html.range(of: PreviewPolicy.tag))
            let policy = html[start.upperBound...].prefix { $0 != "\"" }.replacingOccurrences(of: "&#39;", with: "'")
            let script = try #require(html.range(of: "<script id=\"nbrun-preview-script\" nonce=\""))
            return (policy, String(html[script.upperBound...].prefix { $0 != "\"" }))
        }

        @Test func thePreviewsScriptIsAllowedByItsNonceAndNothingElseIs() throws {
            let html = LivePage(report: Self.report(scripts: "&#39;none&#39;"), version: 1).html
            let (policy, nonce) = try Self.policyAndNonce(html)
            #expect(nonce.count == 32)
            #expect(
                policy
                    == "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                    + "script-src 'nonce-\(nonce)'; base-uri 'none'; form-action 'none'; connect-src 'self'")
            // A page of its own each time: the nonce is not guessable from an earlier one.
            #expect(
                try Self.policyAndNonce(LivePage(report: Self.report(scripts: "&#39;none&#39;"), version: 1).html).1
                    != nonce)
        }

        @Test func katexsScriptStaysAllowedBesideThePreviews() throws {
            let html = LivePage(report: Self.report(scripts: "&#39;sha256-abc=&#39;"), version: 1).html
            let (policy, nonce) = try Self.policyAndNonce(html)
            #expect(policy.contains("script-src 'sha256-abc=' 'nonce-\(nonce)';"))
        }

        @Test func anUnsafeHTMLReportKeepsRunningItsInlineScripts() throws {
            let html = LivePage(report: Self.report(scripts: "&#39;unsafe-inline&#39;"), version: 1).html
            let (policy, _) = try Self.policyAndNonce(html)
            #expect(policy.contains("script-src 'unsafe-inline';"))
            #expect(policy.hasSuffix("; connect-src 'self'"))
        }
    }
}
