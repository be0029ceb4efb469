import Foundation
import NBRuntime
import Testing

@testable import NBRunKit

extension Unit {
    /// Where things go in a figure: the legend, lines cut at the axes' limits, an image's
    /// square cells, and the colours series get.
    @Suite struct FiguresLayoutTests {
        static let plot = PlotRect(x: 100, y: 50, width: 400, height: 300)

        static func legend(_ labels: [String]) -> LegendRenderer {
            let series = labels.map { Figure.Series(kind: .line, label: $0, x: [0, 1], y: [0, 1]) }
            return LegendRenderer(series: series, colors: labels.map { _ in "#000" })
        }

        @Test("a legend avoids a line from the lower left to the upper right: the upper left corner is free")
        func legendAvoidsADiagonal() {
            let diagonal = (0...40).map { PlotPoint(x: 100 + 10 * Double($0), y: 350 - 7.5 * Double($0)) }
            let footprint = LegendRenderer.Footprint(
                points: diagonal, segments: Array(zip(diagonal, diagonal.dropFirst())))
            let box = Self.legend(["train", "test"]).place(in: Self.plot, avoiding: footprint)
            #expect(box.x == 108 && box.y == 58, "upper left, 8 pixels in from the corner: \(box)")
        }

        @Test("with no data in the way the legend goes to the upper right, matplotlib's first choice")
        func legendDefaultsToUpperRight() {
            let box = Self.legend(["only"]).place(in: Self.plot, avoiding: LegendRenderer.Footprint())
            #expect(box.maxX == 492 && box.y == 58, "\(box)")
        }

        @Test("labels starting with an underscore and images have no legend entry, as in matplotlib")
        func legendEntries() {
            let series = [
                Figure.Series(kind: .line, label: "shown"), Figure.Series(kind: .line, label: "_hidden"),
                Figure.Series(kind: .line), Figure.Series(kind: .image, label: "image", values: [[1]]),
                Figure.Series(kind: .hist, label: "bars")
            ]
            let legend = LegendRenderer(series: series, colors: SeriesRenderer.colors(of: series))
            #expect(legend.entries.map(\.label) == ["shown", "bars"])
        }

        @Test("xlim cuts a line at the axes' edge: no coordinate of the path lies outside the axes")
        func linesAreClippedToTheLimits() throws {
            let x = (0...100).map(Double.init)
            let panel = Figure.Panel(
                xlim: Figure.Limits(start: 20, end: 40), ylim: Figure.Limits(start: 0, end: 50),
                series: [Figure.Series(kind: .line, x: x, y: x)])
            let renderer = PanelRenderer(panel: panel, cell: PlotRect(x: 0, y: 0, width: 640, height: 480))
            var svg = SVGWriter()
            renderer.draw(into: &svg)
            let path = try #require(svg.output.split(separator: "\n").first { $0.contains("stroke=\"#0072b2\"") })
            let d = try #require(path.firstMatch(of: /d="([^"]*)"/)?.1)
            let numbers = d.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
            let plot = renderer.layout.plot
            let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
            #expect(xs.min()! >= plot.x - 2.001 && xs.max()! <= plot.maxX + 2.001, "\(d)")
            // y = x from 20 to 40 fills the whole width; the line continues to the right edge.
            #expect(abs(xs.min()! - (plot.x - 2)) < 0.01 && abs(xs.max()! - (plot.maxX + 2)) < 0.01)
        }

        @Test("an image keeps square cells: a 4×8 image gets axes twice as wide as high")
        func imagesKeepSquareCells() {
            let image = Figure.Series(kind: .image, values: Array(repeating: Array(repeating: 1, count: 8), count: 4))
            let layout = PanelRenderer(
                panel: Figure.Panel(series: [image]), cell: PlotRect(x: 0, y: 0, width: 640, height: 480)
            ).layout
            #expect(abs(layout.plot.width / layout.plot.height - 2) < 1e-9)
            #expect(
                layout.colorBar.map { $0.rect.height == layout.plot.height && $0.rect.x > layout.plot.maxX } == true)
        }

        @Test("series take the Okabe–Ito cycle in turn; C0…C9, one-letter names and CSS colours are honoured")
        func colors() {
            let series = [nil, "C3", nil, "k", "tomato", "red\"/><script>", nil].map {
                Figure.Series(kind: .line, color: $0)
            }
            // Cycle places 0, 1, 2 and 3 go to the series that name no usable colour.
            #expect(
                SeriesRenderer.colors(of: series)
                    == ["#0072b2", "#d55e00", "#e69f00", "currentColor", "tomato", "#009e73", "#d55e00"])
            #expect(PlotColors.viridis(0) == "#440154" && PlotColors.viridis(1) == "#fde725")
            #expect(PlotColors.viridis(0.5) == "#21908c" && PlotColors.viridis(.nan) == "#440154")
        }
    }
}
