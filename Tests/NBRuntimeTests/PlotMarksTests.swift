import Foundation
@_spi(Runner) import NBRuntime
import Testing

extension Unit.PlotSuites {
    /// The lessons' standard plots: a scatter coloured by label, decision boundaries,
    /// bars, error bars, reference lines, text and subplots' axes, as figure data.
    @Suite("plt's scatter(c:s:cmap:), contours, bars, error bars, text and subplots")
    struct PlotMarksTests {
        init() {
            plt.close()
            _ = plt.takeFigures()
        }

        func cellFigures() -> [Figure] {
            plt.endCell()
            return plt.takeFigures()
        }

        @Test func scatterColoursEachPointByItsLabel() throws {
            let labels = np.array([0, 2, 1, 2])
            plt.scatter([1.0, 2, 3, 4], [4.0, 3, 2, 1], c: labels, s: 40, cmap: plt.cm.Spectral, alpha: 0.5)
            plt.scatter([1.0], [1.0], c: "red", s: [10], marker: "x")
            let series = try #require(cellFigures().first?.panels.first?.series)
            #expect(series[0].style.colorValues == [0, 2, 1, 2])
            #expect(series[0].style.sizes == [40] && series[0].style.cmap == "Spectral" && series[0].style.alpha == 0.5)
            #expect(series[1].color == "red" && series[1].style.marker == "x" && series[1].style.colorValues == nil)
        }

        @Test func contourfOverAMeshgridKeepsTheGridAndMatplotlibsLevels() throws {
            // A meshgrid as numpy makes it: X's rows repeat the x coordinates, Y's columns the y's.
            let X: Tensor = [[-1, 0, 1], [-1, 0, 1]]
            let Y: Tensor = [[5, 5, 5], [6, 6, 6]]
            let Z: Tensor = [[0, 1, 2], [2, 1, 0]]
            plt.contourf(X, Y, Z, cmap: plt.cm.Spectral, alpha: 0.8)
            let series = try #require(cellFigures().first?.panels.first?.series.first)
            #expect(series.kind == .contourf)
            #expect(series.x == [-1, 0, 1] && series.y == [5, 6])
            #expect(series.values == [[0, 1, 2], [2, 1, 0]])
            // matplotlib 3.11.2: plt.contourf(X, Y, Z).levels for Z from 0 to 2.
            #expect(series.style.levels == [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2])
            #expect(series.style.cmap == "Spectral" && series.style.alpha == 0.8)
        }

        /// Each case: Z's ends, the count asked for (nil for contourf's default), and the
        /// levels matplotlib 3.11.2 chose (as `float.hex()`), bit for bit.
        @Test(
            arguments: [
                (
                    0.0, 2.0, 4,
                    [
                        "0x0.0p+0", "0x1.999999999999ap-2", "0x1.999999999999ap-1", "0x1.3333333333334p+0",
                        "0x1.999999999999ap+0", "0x1.0000000000000p+1"
                    ]
                ),
                (
                    0.0, 1.0, nil,
                    [
                        "0x0.0p+0", "0x1.3333333333334p-3", "0x1.3333333333334p-2", "0x1.ccccccccccccep-2",
                        "0x1.3333333333334p-1", "0x1.8000000000001p-1", "0x1.ccccccccccccep-1", "0x1.0cccccccccccep+0"
                    ]
                ),
                (
                    -3.7, 12.1, nil,
                    [
                        "-0x1.0000000000000p+2", "-0x1.0000000000000p+1", "0x0.0p+0", "0x1.0000000000000p+1",
                        "0x1.0000000000000p+2", "0x1.8000000000000p+2", "0x1.0000000000000p+3", "0x1.4000000000000p+3",
                        "0x1.8000000000000p+3", "0x1.c000000000000p+3"
                    ]
                ),
                (
                    0.001, 0.0042, nil,
                    [
                        "0x1.a36e2eb1c432dp-11", "0x1.3a92a30553262p-10", "0x1.a36e2eb1c432dp-10",
                        "0x1.0624dd2f1a9fcp-9", "0x1.3a92a30553262p-9", "0x1.6f0068db8bac7p-9", "0x1.a36e2eb1c432dp-9",
                        "0x1.d7dbf487fcb92p-9", "0x1.0624dd2f1a9fcp-8", "0x1.205bc01a36e2fp-8"
                    ]
                ),
                (
                    1000.0, 1000.5, nil,
                    [
                        "0x1.f400000000000p+9", "0x1.f40a3d70a3d71p+9", "0x1.f4147ae147ae1p+9",
                        "0x1.f41eb851eb852p+9", "0x1.f428f5c28f5c3p+9", "0x1.f433333333333p+9", "0x1.f43d70a3d70a4p+9",
                        "0x1.f447ae147ae14p+9"
                    ]
                ),
                (
                    0.0, 9.0, 4,
                    [
                        "0x0.0p+0", "0x1.0000000000000p+1", "0x1.0000000000000p+2", "0x1.8000000000000p+2",
                        "0x1.0000000000000p+3", "0x1.4000000000000p+3"
                    ]
                )
            ] as [(Double, Double, Int?, [String])])
        func levelsAreMatplotlibs(low: Double, high: Double, count: Int?, expected: [String]) throws {
            let Z: Tensor = np.array([[low, high], [low, high]])
            if let count {
                plt.contour([0.0, 1.0], [0.0, 1.0], Z, count)
            } else {
                plt.contourf([0.0, 1.0], [0.0, 1.0], Z)
            }
            let levels = try #require(cellFigures().first?.panels.first?.series.first?.style.levels)
            #expect(levels.map { Self.hex($0) } == expected)
        }

        /// Python's `float.hex()`.
        static func hex(_ value: Double) -> String {
            if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
            let sign = value < 0 ? "-" : ""
            let mantissa = String(value.significandBitPattern, radix: 16)
            let padded = String(repeating: "0", count: 13 - mantissa.count) + mantissa
            let exponent = Int(value.exponent)
            return "\(sign)0x1.\(padded)p\(exponent >= 0 ? "+" : "")\(exponent)"
        }

        @Test func barsErrorBarsReferenceLinesAndText() throws {
            plt.bar([0, 1, 2], [3.0, 1.5, 2.2], width: 0.5)
            plt.errorbar([1.0, 2.0], [2.0, 4.0], yerr: [0.5, 0.2], fmt: "o")
            plt.axhline(2, color: "k", linestyle: "--")
            plt.axvline(x: 1.5, ymax: 0.5)
            plt.text(1.0, 4.5, "peak", fontsize: 12)
            plt.annotate("low", xy: (2.0, 4.0), xytext: (1.0, 1.0), arrowprops: ["arrowstyle": "->"])
            let series = try #require(cellFigures().first?.panels.first?.series)
            #expect(series.map(\.kind) == [.bar, .errorbar, .hline, .vline, .text, .text])
            #expect(series[0].y == [3, 1.5, 2.2] && series[0].style.width == 0.5)
            #expect(series[1].style.yerr == [0.5, 0.2] && series[1].style.marker == "o")
            #expect(series[2].y == [2] && series[2].color == "k" && series[2].style.marker == "--")
            #expect(series[3].x == [1.5] && series[3].style.span == [0, 0.5])
            #expect(series[4].style.text == "peak" && series[4].style.fontSize == 12)
            #expect(series[5].x == [1] && series[5].y == [1] && series[5].style.arrowTo == [2, 4])
        }

        @Test func subplotsReturnAxesThatDrawInTheirOwnPanel() throws {
            let (fig, axs) = plt.subplots(2, 2, figsize: (8, 6))
            axs[1, 0].plot([1.0, 2.0])
            axs[0, 1].set_title("top right")
            fig.suptitle("grid")
            let (_, ax) = plt.subplots()
            ax.hist([1.0, 2.0, 2.0])
            ax.set_xlabel("value")
            let figures = cellFigures()
            #expect(figures.count == 2)
            let panels = figures[0].panels
            #expect(panels.map(\.index) == [1, 2, 3, 4] && figures[0].title == "grid")
            #expect(panels[2].series.map(\.kind) == [.line] && panels[1].title == "top right")
            #expect(figures[0].size == Figure.Size(width: 8, height: 6))
            #expect(figures[1].panels.map(\.xlabel) == ["value"])
        }

        @Test func aFigureWithStylesSurvivesJSON() throws {
            plt.scatter([1.0, 2], [1.0, 2], c: [0.0, .nan], s: 10)
            let grid: Tensor = [[1, 2], [3, 4]]
            plt.contour(grid, levels: [2.5])
            let figure = try #require(cellFigures().first)
            let data = try JSONEncoder().encode(figure)
            let decoded = try JSONDecoder().decode(Figure.self, from: data)
            #expect(decoded.panels[0].series[0].style.colorValues?.last?.isNaN == true)
            #expect(decoded.panels[0].series[1].style.levels == [2.5])
            #expect(String(decoding: data, as: UTF8.self).contains("\"colorValues\":[0,\"nan\"]"))
        }
    }
}
