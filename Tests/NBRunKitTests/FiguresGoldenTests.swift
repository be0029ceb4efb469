import Foundation
import NBRuntime
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The SVG writer's output, byte for byte, for figures that stress it: awkward ranges,
    /// a single value, non-finite data, log axes, a legend of five series, an image, a
    /// histogram and subplots. The expected files are in `Fixtures/figures/`; look at them in
    /// a browser before accepting a change, then re-record with `NBRUN_RECORD=1 swift test
    /// --filter FiguresGoldenTests`.
    @Suite struct FiguresGoldenTests {
        static let folder = Fixture.sourceFolder.appendingPathComponent("figures")

        /// Compares the figure's SVG with the golden file `name.svg`, or records it.
        func expectGolden(_ name: String, _ figure: Figure, sourceLocation: Testing.SourceLocation = #_sourceLocation)
            throws
        {
            let svg = FigureSVG.render(figure)
            let url = Self.folder.appendingPathComponent("\(name).svg")
            if ProcessInfo.processInfo.environment["NBRUN_RECORD"] == "1" {
                try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                try Data(svg.utf8).write(to: url)
                return
            }
            guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record(
                    "no golden file \(name).svg; record it with NBRUN_RECORD=1", sourceLocation: sourceLocation)
                return
            }
            if svg != golden {
                let line = zip(
                    svg.split(separator: "\n", omittingEmptySubsequences: false),
                    golden.split(separator: "\n", omittingEmptySubsequences: false)
                )
                .enumerated().first { $0.element.0 != $0.element.1 }
                Issue.record(
                    """
                    \(name).svg differs\(line.map { " at line \($0.offset + 1):\n  got:      \($0.element.0)\n  expected: \($0.element.1)" } ?? " in length")
                    look at the new output, then re-record with NBRUN_RECORD=1
                    """, sourceLocation: sourceLocation)
            }
        }

        static func line(_ y: [Double], x: [Double]? = nil, label: String? = nil) -> Figure.Series {
            Figure.Series(kind: .line, label: label, x: x ?? y.indices.map(Double.init), y: y)
        }

        static func figure(_ series: [Figure.Series], configure: (inout Figure.Panel) -> Void = { _ in }) -> Figure {
            var panel = Figure.Panel(series: series)
            configure(&panel)
            return Figure(panels: [panel])
        }

        // MARK: - Awkward ranges

        @Test func smallRange() throws {
            let y = (0...20).map { 1e-4 + 1e-5 * Double($0) }  // 1e-4 … 3e-4
            try expectGolden("ticks-1e-4-to-3e-4", Self.figure([Self.line(y)]) { $0.ylabel = "learning rate" })
        }

        @Test func wideRange() throws {
            let y = [-0.5, 10, 3_000, 250_000, 1e6]
            try expectGolden("ticks-minus-half-to-1e6", Self.figure([Self.line(y)]) { $0.xlabel = "step" })
        }

        @Test func singleValue() throws {
            try expectGolden("single-value", Self.figure([Self.line([5])]))
        }

        @Test func constantData() throws {
            try expectGolden("constant", Self.figure([Self.line([2, 2, 2, 2])]))
        }

        @Test func nonFiniteData() throws {
            let y = [1, 2, .nan, 4, .infinity, 3, -.infinity, 2, 1.5, .nan]
            let x = [0, 1, 2, 3, 4, .nan, 6, 7, 8, 9.0]
            let points = Figure.Series(kind: .scatter, label: "points", x: [.nan, 1, 2, .infinity], y: [1, .nan, 3, 2])
            try expectGolden(
                "non-finite",
                Self.figure([Self.line(y, x: x, label: "with gaps"), points]) {
                    $0.legend = true
                })
        }

        // MARK: - Log axes, legend, image, histogram, subplots

        /// A loss curve from 1.1 down to 0.27 on a log y axis: less than a decade, so 3, 4
        /// and 6 × 10⁻¹ are labelled beside 10⁰, as matplotlib does.
        @Test func logLessThanADecade() throws {
            let y = (0...200).map { 0.27 + 0.83 * Foundation.exp(-Double($0) / 40) }
            try expectGolden(
                "log-0.27-to-1.1",
                Self.figure([Self.line(y, label: "loss")]) {
                    $0.yscale = .log
                    $0.xlabel = "step"
                })
        }

        /// Six decades on a log x axis: the seven powers of ten are labelled, and only they.
        @Test func logSixDecades() throws {
            let x = (0...60).map { Foundation.pow(10, Double($0) / 10 - 3) }  // 1e-3 … 1e3
            try expectGolden(
                "log-1e-3-to-1e3",
                Self.figure([Self.line(x.map { 1 / (1 + $0) }, x: x, label: "1 / (1 + x)")]) {
                    $0.xscale = .log
                    $0.xlabel = "x"
                })
        }

        @Test func logAxes() throws {
            let x = (0...30).map { Foundation.pow(10, Double($0) / 10) }  // 1 … 1000
            let series = [
                Self.line(x.map { $0 * $0 }, x: x, label: "x²"), Self.line(x.map { 10 * $0 }, x: x, label: "10x")
            ]
            try expectGolden(
                "log-axes",
                Self.figure(series) {
                    $0.xscale = .log
                    $0.yscale = .log
                    $0.legend = true
                    $0.grid = true
                    $0.title = "Growth"
                })
        }

        @Test func legendOfFiveSeries() throws {
            let x = (0...60).map { Double($0) / 10 }
            let series = (0..<5).map { k in
                Self.line(x.map { sin($0 + Double(k) * 0.6) + Double(k) * 0.2 }, x: x, label: "phase \(k)")
            }
            try expectGolden(
                "legend-5-series",
                Self.figure(series) {
                    $0.legend = true
                    $0.xlabel = "t"
                    $0.ylabel = "signal"
                })
        }

        @Test func heatMap() throws {
            let values = (0..<8).map { r in (0..<10).map { c in Double(r * c) / 63 - 0.2 } }
            try expectGolden(
                "imshow",
                Self.figure([Figure.Series(kind: .image, values: values, origin: .upper)]) {
                    $0.title = "Weights"
                })
        }

        @Test func decisionSurfaceUnderPoints() throws {
            // A network's output over the unit square (origin "lower", extent 0…1) with the four XOR points on top.
            let grid = (0..<40).map { r in
                (0..<40).map { c in
                    let x = (Double(c) + 0.5) / 40
                    let y = (Double(r) + 0.5) / 40
                    return 1 / (1 + exp(-12 * (x - 0.5) * (0.5 - y)))
                }
            }
            let surface = Figure.Series(
                kind: .image, values: grid, vmin: 0, vmax: 1, extent: [0, 1, 0, 1], origin: .lower)
            let zeros = Figure.Series(kind: .scatter, label: "0", color: "C3", x: [0, 1], y: [0, 1])
            let ones = Figure.Series(kind: .scatter, label: "1", color: "w", x: [0, 1], y: [1, 0])
            try expectGolden(
                "decision-surface",
                Self.figure([surface, zeros, ones]) {
                    $0.title = "XOR decision surface"
                    $0.xlabel = "x₁"
                    $0.ylabel = "x₂"
                    $0.legend = true
                })
        }

        @Test func histogram() throws {
            var random = SplitMix64(seed: 7)
            let samples = (0..<500).map { _ in random.nextNormal() }
            let counts = (0..<20).map { bin in
                Double(samples.filter { $0 >= -4 + 0.4 * Double(bin) && $0 < -4 + 0.4 * Double(bin + 1) }.count)
            }
            let edges = (0...20).map { -4 + 0.4 * Double($0) }
            try expectGolden(
                "hist",
                Self.figure([Figure.Series(kind: .hist, label: "samples", x: edges, y: counts)]) {
                    $0.xlabel = "value"
                    $0.ylabel = "count"
                })
        }

        @Test func subplots() throws {
            let x = (0...40).map { Double($0) / 4 }
            var loss = Figure.Panel(
                rows: 2, columns: 2, index: 1, title: "loss", series: [Self.line(x.map { exp(-$0 / 3) }, x: x)])
            loss.yscale = .log
            let scatter = Figure.Panel(
                rows: 2, columns: 2, index: 2, title: "points",
                series: [
                    Figure.Series(kind: .scatter, x: x.map { cos($0) }, y: x.map { sin($0 * 1.3) })
                ])
            let hist = Figure.Panel(
                rows: 2, columns: 2, index: 3,
                series: [
                    Figure.Series(kind: .hist, x: [0, 1, 2, 3, 4], y: [3, 7, 4, 1])
                ])
            let image = Figure.Panel(
                rows: 2, columns: 2, index: 4,
                series: [
                    Figure.Series(
                        kind: .image, values: [[0, 1, 2], [3, 4, 5], [6, 7, .nan]], extent: [0, 1, 0, 1], origin: .lower
                    )
                ])
            try expectGolden(
                "subplots",
                Figure(
                    title: "Four panels", size: Figure.Size(width: 8, height: 6),
                    panels: [loss, scatter, hist, image]))
        }

        // MARK: - Text for screen readers

        @Test("every figure has a <title>, its title or what it shows, and a <desc> of each axis and series")
        func titles() {
            let two = Self.figure([Self.line([1, 2, 3], label: "train"), Self.line([3, 2, 1], label: "test")])
            #expect(two.altText == "line plot of train and test, 6 points")
            let loss = Self.figure([Self.line([3, 2, 1])]) { $0.ylabel = "loss" }
            #expect(loss.altText == "line plot of loss, 3 points")
            let ages = Self.figure([Figure.Series(kind: .hist, x: [0, 1, 2, 3], y: [1, 3, 2])]) { $0.xlabel = "age" }
            #expect(ages.altText == "histogram of age, 6 values in 3 bins")
            let panels = Figure(panels: [
                Figure.Panel(rows: 1, columns: 2, index: 1, series: [Self.line([1, 2])]),
                Figure.Panel(
                    rows: 1, columns: 2, index: 2, title: "W",
                    series: [
                        Figure.Series(kind: .image, values: [[1, 2, 3], [4, 5, 6]])
                    ])
            ])
            #expect(panels.altText == "2 panels: line plot, 2 points; W: heat map, 2×3")
            var titled = two
            titled.title = "Training <run 1>"
            let svg = FigureSVG.render(titled)
            let description =
                "<desc>Line plot of train and test, 6 points. X axis: 0 to 2; y axis: 1 to 3. "
                + "train: 3 points, from 1 at x = 0 to 3 at x = 2, lowest 1, highest 3. "
                + "test: 3 points, from 3 at x = 0 to 1 at x = 2, lowest 1, highest 3.</desc>"
            #expect(svg.contains("<title>Training &lt;run 1&gt;</title>\n" + description))
            #expect(
                FigureSVG.render(two).contains("<title>line plot of train and test, 6 points</title>\n" + description))
            // Large and small numbers, gaps and log scales, as a screen reader should say them.
            var big = Self.figure([Self.line([1e-5, .nan, 2.5e6], label: "growth")]) { $0.yscale = .log }
            big.panels[0].xlabel = "epoch"
            #expect(
                big.longDescription
                    == "Line plot of growth, 3 points. X axis (epoch): 0 to 2; y axis, log scale: 1e−5 to 2.5e6. "
                    + "growth: 3 points, from 1e−5 at x = 0 to 2.5e6 at x = 2, lowest 1e−5, highest 2.5e6 "
                    + "(1 point not finite, not drawn).")
        }
    }
}
