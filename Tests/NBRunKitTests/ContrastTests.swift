import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// WCAG 2.1 AA (1.4.3): text has a contrast of at least 4.5:1 with what is behind it,
    /// computed from the colours of the style sheet nbrun ships (`templates/report.css`) in
    /// each scheme it has: light, dark, and print.
    @Suite struct ContrastTests {
        /// Where each colour of text sits on each background, in the report.
        static let pairs: [(what: String, text: String, on: String)] = [
            ("prose, outputs, tensors", "fg", "bg"),
            ("captions, labels, the header and footer, the contents' title", "muted", "bg"),
            ("cell headers, line numbers", "muted", "panel"),
            ("code, inline code, all values of a tensor", "fg", "panel"),
            ("keywords", "kw", "panel"), ("types", "ty", "panel"), ("strings", "str", "panel"),
            ("numbers", "num", "panel"), ("comments", "com", "panel"), ("attributes", "attr", "panel"),
            ("the line an error points at", "fg", "err-bg"), ("keywords there", "kw", "err-bg"),
            ("types there", "ty", "err-bg"), ("strings there", "str", "err-bg"), ("numbers there", "num", "err-bg"),
            ("comments there", "com", "err-bg"), ("attributes there", "attr", "err-bg"),
            ("line numbers there, 'called from'", "muted", "err-bg"),
            ("errors", "err", "err-bg"), ("stderr, 'output differs on rerun'", "warn", "warn-bg"),
            ("'ran', ✓ badges and marks", "ok", "bg"), ("'failed', ✗ badges and marks, math errors", "err", "bg"),
            ("links, 'exercise', 'expected output', 'All N values'", "accent", "bg"),
            ("an expected error's title", "accent", "panel")
        ]

        /// The custom properties of each scheme: `:root`, then the dark scheme's and print's
        /// `:root` over it.
        static func schemes() throws -> [String: [String: String]] {
            let css = try TemplateStore.resource("report.css")
            let light = try properties(in: try #require(block(in: css, after: ":root")))
            var schemes = ["light": light]
            for (name, media) in [("dark", "@media (prefers-color-scheme: dark)"), ("print", "@media print")] {
                let inside = try #require(block(in: css, after: media), "no \(media) in report.css")
                let own = try properties(in: try #require(block(in: inside, after: ":root"), "no :root in \(media)"))
                schemes[name] = light.merging(own) { $1 }
            }
            return schemes
        }

        /// What is between the braces of the first block whose selector is `selector`.
        static func block(in css: some StringProtocol, after selector: String) -> Substring? {
            let css = Substring(css)
            guard let start = css.range(of: selector + " {") else { return nil }
            var depth = 0
            for index in css[start.upperBound...].indices {
                switch css[index] {
                case "{": depth += 1
                case "}":
                    if depth == 0 { return css[start.upperBound..<index] }
                    depth -= 1
                default: continue
                }
            }
            return nil
        }

        static func properties(in block: Substring) throws -> [String: String] {
            var values: [String: String] = [:]
            for match in block.matches(of: /(--[a-z-]+):\s*(#[0-9a-fA-F]{6})\b/) {
                values[String(match.output.1)] = String(match.output.2)
            }
            return values
        }

        /// WCAG's relative luminance of `#rrggbb`.
        static func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }

        static func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }

        @Test("WCAG's arithmetic: black on white is 21:1, #767676 on white 4.54:1")
        func arithmetic() {
            #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 1e-9)
            #expect(abs(Self.contrast("#767676", "#ffffff") - 4.54) < 0.01)
            #expect(Self.contrast("#777777", "#ffffff") < 4.5)
        }

        @Test("text, code, outputs and badges are at least 4.5:1 against their background, light, dark and printed")
        func everyPairOfTheStyleSheet() throws {
            let schemes = try Self.schemes()
            #expect(schemes.keys.sorted() == ["dark", "light", "print"])
            for (scheme, colours) in schemes.sorted(by: { $0.key < $1.key }) {
                for pair in Self.pairs {
                    let text = try #require(colours["--" + pair.text], "\(scheme): no --\(pair.text)")
                    let background = try #require(colours["--" + pair.on], "\(scheme): no --\(pair.on)")
                    let ratio = Self.contrast(text, background)
                    #expect(
                        ratio >= 4.5,
                        "\(scheme): \(pair.what): --\(pair.text) \(text) on --\(pair.on) \(background) is \(ratio):1")
                }
            }
        }

        @Test("every colour the style sheet gives text is one of those checked, and nothing fades text")
        func noColourGoesUnchecked() throws {
            let css = try TemplateStore.resource("report.css")
            let used = Set(css.matches(of: /[^-]color:\s*var\(--([a-z-]+)\)/).map { String($0.output.1) })
            #expect(used.subtracting(Self.pairs.map(\.text)).isEmpty, "unchecked: \(used)")
            #expect(css.firstMatch(of: /opacity:\s*0?\.\d/) == nil, "opacity below 1 lowers the contrast of text")
        }
    }
}
