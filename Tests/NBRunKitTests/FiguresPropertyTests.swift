import Foundation
@_spi(Runner) import NBRuntime
import Testing

@testable import NBRunKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

extension Unit {
    /// Properties of the SVG writer checked on a few hundred generated figures: any data
    /// gives a well-formed SVG document, with no NaN or infinity in it and every coordinate
    /// a plain number. The generator is seeded, so a failure repeats.
    @Suite struct FiguresPropertyTests {
        static let cases = 300

        @Test func anyFiniteDataGivesWellFormedSVG() throws {
            var random = SeededRandom(seed: 0xF16_0001)
            for index in 0..<Self.cases {
                let figure = Self.figure(&random, nonFinite: false)
                try Self.expectWellFormed(FigureSVG.render(figure), "finite case \(index): \(Self.describe(figure))")
            }
        }

        @Test func nanAndInfinityAreSkippedNeverWritten() throws {
            var random = SeededRandom(seed: 0xF16_0002)
            for index in 0..<Self.cases {
                let figure = Self.figure(&random, nonFinite: true)
                try Self.expectWellFormed(
                    FigureSVG.render(figure), "non-finite case \(index): \(Self.describe(figure))")
            }
        }

        @Test func theSameFigureGivesTheSameBytesAfterAJSONRoundTrip() throws {
            var random = SeededRandom(seed: 0xF16_0003)
            for _ in 0..<50 {
                let figure = Self.figure(&random, nonFinite: true)
                let decoded = try JSONDecoder().decode(Figure.self, from: try JSONEncoder().encode(figure))
                #expect(FigureSVG.render(decoded) == FigureSVG.render(figure))
            }
        }

        @Test func aPlotOf100000PointsStaysSmall() throws {
            let n = 100_000
            var random = SplitMix64(seed: 3)
            let noisy = (0..<n).map { exp(-Double($0) / 20_000) + 0.05 * random.nextNormal() }
            plt.plot(noisy, label: "loss")
            plt.yscale(.log)
            plt.legend()
            plt.endCell()
            let figure = try #require(plt.takeFigures().first)
            #expect(figure.panels[0].series[0].thinnedFrom == n)
            let svg = FigureSVG.render(figure)
            let json = try JSONEncoder().encode(figure)
            try Self.expectWellFormed(svg, "100,000 points")
            // Measured: 53 KB of SVG and 103 KB of JSON (exact values of the points kept).
            #expect(svg.utf8.count < 150_000, "SVG of \(svg.utf8.count) bytes")
            #expect(json.count < 150_000, "JSON of \(json.count) bytes")
            #expect(figure.altText == "line plot of loss, 100,000 points")
        }

        // MARK: - Checking a document

        /// Parses `svg` as XML and checks its numbers and text.
        static func expectWellFormed(_ svg: String, _ context: String) throws {
            let checker = SVGChecker()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = checker
            let parsed = parser.parse()
            #expect(parsed, "not well-formed (\(parser.parserError.map { "\($0)" } ?? "?")): \(context)")
            #expect(checker.root == "svg", "\(context)")
            #expect(svg.range(of: "nan", options: .caseInsensitive) == nil, "nan in \(context)")
            #expect(svg.range(of: "inf", options: .caseInsensitive) == nil, "inf in \(context)")
            #expect(checker.badNumbers.isEmpty, "bad numbers \(checker.badNumbers.prefix(3)) in \(context)")
        }

        /// Collects the root element and every numeric attribute that is not a plain, modest number.
        final class SVGChecker: NSObject, XMLParserDelegate {
            var root: String?
            var badNumbers: [String] = []
            static let numeric: Set<String> = [
                "x", "y", "width", "height", "cx", "cy", "r", "dy", "stroke-width", "font-size"
            ]

            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                if root == nil { root = elementName }
                for (name, value) in attributes {
                    if Self.numeric.contains(name) {
                        check(value.hasSuffix("em") ? String(value.dropLast(2)) : value)
                    } else if name == "d" {
                        // Path data: commands and numbers.
                        for number in value.split(whereSeparator: { "MLHVhvamlzZ ".contains($0) }) {
                            check(String(number))
                        }
                    }
                }
            }

            /// A plain decimal with at most two decimals and a magnitude of at most 10⁶.
            private func check(_ text: String) {
                let parts = text.drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
                let plain =
                    (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) }
                    && parts.allSatisfy { $0.allSatisfy(\.isNumber) } && (parts.count == 1 || parts[1].count <= 2)
                guard plain, let number = Double(text), abs(number) <= 1e6 else {
                    badNumbers.append(text)
                    return
                }
            }
        }

        // MARK: - Generating figures

        static func describe(_ figure: Figure) -> String {
            let data = (try? JSONEncoder().encode(figure)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
            return String(data.prefix(600))
        }

        /// A figure of 1–4 panels with random series, scales, limits and options.
        static func figure(_ random: inout SeededRandom, nonFinite: Bool) -> Figure {
            let rows = random.int(1...2)
            let columns = random.int(1...2)
            let panels = (1...random.int(1...rows * columns)).map { index in
                panel(&random, nonFinite: nonFinite, grid: (rows, columns, index))
            }
            let size =
                random.chance(20)
                ? Figure.Size(width: Double(random.int(1...12)), height: Double(random.int(1...9)))
                : .default
            return Figure(title: random.chance(20) ? "Figure" : nil, size: size, panels: panels)
        }

        static func panel(_ random: inout SeededRandom, nonFinite: Bool, grid: (Int, Int, Int)) -> Figure.Panel {
            var panel = Figure.Panel(rows: grid.0, columns: grid.1, index: grid.2)
            panel.xscale = random.chance(25) ? .log : .linear
            panel.yscale = random.chance(25) ? .log : .linear
            panel.legend = random.chance(50)
            panel.grid = random.chance(30)
            if random.chance(30) { panel.title = "Panel" }
            if random.chance(30) { panel.xlabel = "x axis" }
            if random.chance(30) { panel.ylabel = "y axis" }
            if random.chance(20) { panel.xlim = Figure.Limits(start: value(&random, nonFinite: false), end: nil) }
            if random.chance(20) {
                panel.ylim = Figure.Limits(
                    start: value(&random, nonFinite: false), end: value(&random, nonFinite: false))
            }
            for _ in 0..<random.int(0...4) {
                panel.series.append(series(&random, nonFinite: nonFinite))
            }
            return panel
        }

        static func series(_ random: inout SeededRandom, nonFinite: Bool) -> Figure.Series {
            let label =
                random.chance(60) ? random.pick(["loss", "accuracy", "a much longer label", "_hidden", ""]) : nil
            let count = random.pick([0, 1, 2, random.int(3...80)])
            let values = { (random: inout SeededRandom) in (0..<count).map { _ in value(&random, nonFinite: nonFinite) }
            }
            switch random.int(0...3) {
            case 0:
                return Figure.Series(
                    kind: .line, label: label, color: random.chance(20) ? "C3" : nil,
                    x: values(&random), y: values(&random))
            case 1:
                return Figure.Series(kind: .scatter, label: label, x: values(&random), y: values(&random))
            case 2:
                let edges = values(&random).filter(\.isFinite).sorted()
                let counts = edges.dropFirst().map { _ in Double(random.int(0...50)) }
                return Figure.Series(kind: .hist, label: label, x: edges, y: counts)
            default:
                let rows = random.int(0...6)
                let columns = random.int(1...6)
                let image = (0..<rows).map { _ in (0..<columns).map { _ in value(&random, nonFinite: nonFinite) } }
                let extent = random.chance(40) ? (0..<4).map { _ in value(&random, nonFinite: false) } : nil
                return Figure.Series(
                    kind: .image, values: image, vmin: random.chance(20) ? 0 : nil, extent: extent,
                    origin: random.chance(50) ? .upper : .lower)
            }
        }

        /// Ordinary numbers mostly, with the extremes finite doubles reach, and NaN and ±inf
        /// when asked for.
        static func value(_ random: inout SeededRandom, nonFinite: Bool) -> Double {
            let unit = Double(random.next() >> 11) / Double(1 << 53)
            switch random.int(0...19) {
            case 0:
                return random.pick([Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1e300, -1e-300])
            case 1: return random.pick([Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 0, -0.0])
            case 2: return 7  // repeated values make constant series
            case 3 where nonFinite: return random.pick([Double.nan, .infinity, -.infinity])
            case 4: return (unit - 0.5) * 1e9
            case 5: return unit * 1e-6
            default: return (unit - 0.3) * 10
            }
        }
    }
}
