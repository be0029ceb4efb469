import Foundation
@_spi(Runner) import NBRuntime
import Testing

/// The figure description is what nbrun receives and what the JSON report shows.
extension Unit.PlotSuites {
    @Suite("Figure descriptions: JSON and thinning")
    struct PlotDescriptionTests {
        init() {
            plt.close()
            _ = plt.takeFigures()
        }

        static func json(_ value: some Encodable) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }

        @Test("a figure encodes with a plain JSONEncoder: NaN and ±inf as strings, images as a values matrix")
        func encodesAsJSON() throws {
            let figure = Figure(panels: [
                Figure.Panel(
                    title: "t", xscale: .log, xlim: Figure.Limits(start: 1),
                    series: [
                        Figure.Series(kind: .line, label: "a", x: [0, 1, 2], y: [0.25, .nan, -.infinity]),
                        Figure.Series(kind: .image, values: [[1, .infinity], [3, 4]], origin: .upper)
                    ])
            ])
            let text = try Self.json(figure)
            #expect(
                text == #"{"panels":[{"columns":1,"grid":false,"index":1,"legend":false,"rows":1,"series":["#
                    + #"{"kind":"line","label":"a","x":[0,1,2],"y":[0.25,"nan","-inf"]},"#
                    + #"{"kind":"image","origin":"upper","values":[[1,"inf"],[3,4]]}],"#
                    + #""title":"t","xlim":{"start":1},"xscale":"log","ylim":{},"yscale":"linear"}],"#
                    + #""size":{"height":4.8,"width":6.4}}"#)
            let decoded = try JSONDecoder().decode(Figure.self, from: Data(text.utf8))
            #expect(try Self.json(decoded) == text, "decoding and encoding again gives the same JSON")
            #expect(decoded.panels[0].series[0].y[1].isNaN && decoded.panels[0].series[0].y[2] == -.infinity)
        }

        @Test("a line of 100,000 points is thinned to a few thousand, keeping its ends, extremes and gaps")
        func thinsLongLines() throws {
            let n = 100_000
            var y = (0..<n).map { sin(Double($0) / 5_000) }
            y[31_234] = 7  // a one-point spike the eye must still see
            y[77_777] = -9
            y[50_000] = .nan  // a gap
            plt.plot(y, label: "long")
            let figure = try #require(plt.takeFiguresAfterEnd().first)
            let series = figure.panels[0].series[0]
            #expect(series.thinnedFrom == n)
            #expect(series.y.count <= 5_000 && series.y.count >= 2_000, "\(series.y.count) points")
            #expect(series.x.first == 0 && series.x.last == Double(n - 1))
            #expect(series.y.contains(7) && series.y.contains(-9))
            #expect(series.y.contains { $0.isNaN })
            #expect(zip(series.x, series.x.dropFirst()).allSatisfy { $0 < $1 }, "points stay in order")
            for (x, y) in zip(series.x, series.y) where !y.isNaN && y != 7 && y != -9 {
                #expect(y == sin(x / 5_000), "every kept point is a real data point")
            }
            let size = try Self.json(figure).utf8.count
            #expect(size < 200_000, "the description is \(size) bytes")
        }

        @Test("short series, histograms and small images are left as they are")
        func keepsShortSeries() throws {
            let y = (0..<5_000).map { Double($0 % 7) }
            plt.plot(y)
            plt.scatter(y, y)
            plt.imshow(Tensor(shape: [400, 3], scalars: (0..<1_200).map(Double.init)))
            let series = try #require(plt.takeFiguresAfterEnd().first?.panels[0].series)
            #expect(series.map(\.thinnedFrom) == [nil, nil, nil])
            #expect(series[0].y == y && series[1].x == y && series[2].values?.count == 400)
        }

        @Test("a scatter plot of 100,000 points keeps one point per grid cell and says so")
        func thinsScatter() throws {
            var generator = SplitMix64(seed: 1)
            let x = (0..<100_000).map { _ in generator.nextUnit() }
            let y = (0..<100_000).map { _ in generator.nextUnit() }
            plt.scatter(x, y)
            let series = try #require(plt.takeFiguresAfterEnd().first?.panels[0].series[0])
            #expect(series.thinnedFrom == 100_000)
            #expect(series.x.count <= 128 * 128 && series.x.count > 10_000)
        }

        @Test("a 1000×800 image is averaged down to 400×400, with the full image's extent and colour range")
        func thinsImages() throws {
            let rows = 1_000
            let columns = 800
            let image = Tensor(shape: [rows, columns], scalars: (0..<rows * columns).map { Double($0 / columns) })
            plt.imshow(image)
            let series = try #require(plt.takeFiguresAfterEnd().first?.panels[0].series[0])
            #expect(series.thinnedFrom == rows * columns)
            #expect(series.values?.count == 334 && series.values?.first?.count == 400)
            // Rows 0…2 average to 1, rows 3…5 to 4.
            #expect(series.values?[0][0] == 1 && series.values?[1][5] == 4)
            #expect(series.vmin == 0 && series.vmax == 999)
            #expect(series.extent == [-0.5, 799.5, 999.5, -0.5])
        }
    }
}

extension plt {
    /// Ends the cell and takes its figures.
    static func takeFiguresAfterEnd() -> [Figure] {
        endCell()
        return takeFigures()
    }
}
