import Foundation
@_spi(Runner) import NBRuntime
import Testing

extension Unit {
    /// `plt` keeps pyplot's global state, so the suites that use it run one test at a time,
    /// and each test starts from a clean slate.
    @Suite(.serialized) enum PlotSuites {}
}

extension Unit.PlotSuites {
    @Suite("plt, matplotlib's pyplot")
    struct PlotTests {
        init() {
            plt.close()
            _ = plt.takeFigures()
        }

        /// Ends the cell and returns its figures, as the runner will.
        func cellFigures() -> [Figure] {
            plt.endCell()
            return plt.takeFigures()
        }

        @Test("figures appear when the cell ends, like Jupyter's inline backend; several calls draw several series")
        func cellEndEmits() throws {
            plt.plot([3.0, 1.0, 2.0], label: "train")
            plt.plot([4, 2, 1], label: "test")
            #expect(plt.takeFigures().isEmpty, "nothing is finished before the cell ends")
            let figures = cellFigures()
            #expect(figures.count == 1)
            let series = try #require(figures.first?.panels.first?.series)
            #expect(series.map(\.kind) == [.line, .line])
            #expect(series.map(\.label) == ["train", "test"])
            #expect(series[0].x == [0, 1, 2] && series[0].y == [3, 1, 2])
            #expect(series[1].y == [4, 2, 1])
            #expect(cellFigures().isEmpty, "taking drains the queue")
        }

        @Test("plt.show() finishes the figure at once; the next call starts a new one")
        func showFinishes() {
            plt.plot([1.0, 2.0])
            plt.show()
            #expect(plt.takeFigures().count == 1)
            plt.plot([1.0, 2.0])
            plt.plot([2.0, 1.0])
            #expect(cellFigures().map { $0.panels[0].series.count } == [2])
            plt.show()
            #expect(cellFigures().isEmpty, "show() with no figure shows nothing")
        }

        @Test("plt.figure() starts a new figure with matplotlib's figsize; an empty figure is dropped")
        func figureStartsNew() {
            plt.figure()
            plt.figure(figsize: (8, 3))
            plt.plot([1.0])
            plt.figure()
            plt.hist([1.0, 2.0])
            let figures = cellFigures()
            #expect(figures.count == 2)
            #expect(figures.map(\.size) == [Figure.Size(width: 8, height: 3), Figure.Size(width: 6.4, height: 4.8)])
            #expect(figures.map { $0.panels[0].series[0].kind } == [.line, .hist])
        }

        @Test("x and y may be arrays of Double, Float or Int, ranges, strides or 1-D tensors")
        func acceptedData() throws {
            plt.plot(0..<3, [1.5, 2, 3])
            plt.plot(Tensor([0.0, 0.5, 1.0]), Tensor([2.0, 4.0, 8.0]))
            plt.plot([1, 2, 3] as [Float], 1...3)
            plt.plot(Array(stride(from: 0.0, to: 1.0, by: 0.5)), [Int32(7), 8])
            plt.scatter([1, 2], [3, 4], label: "points")
            let series = try #require(cellFigures().first?.panels.first?.series)
            #expect(series.map(\.x) == [[0, 1, 2], [0, 0.5, 1], [1, 2, 3], [0, 0.5], [1, 2]])
            #expect(series.map(\.y) == [[1.5, 2, 3], [2, 4, 8], [1, 2, 3], [7, 8], [3, 4]])
            #expect(series.last?.kind == .scatter && series.last?.label == "points")
        }

        @Test("a 2-D y draws one line per column, against x or against the row index")
        func columnsAreLines() throws {
            let y = Tensor([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
            plt.plot(y, label: "w")
            plt.plot([0.0, 0.1, 0.2], y)
            let series = try #require(cellFigures().first?.panels.first?.series)
            #expect(series.map(\.y) == [[1, 2, 3], [10, 20, 30], [1, 2, 3], [10, 20, 30]])
            #expect(series.map(\.x) == [[0, 1, 2], [0, 1, 2], [0, 0.1, 0.2], [0, 0.1, 0.2]])
            #expect(series.map(\.label) == ["w", "w", nil, nil])
        }

        @Test("labels, legend, grid, log scales and limits go to the current panel")
        func decorations() throws {
            plt.plot([1.0, 10.0, 100.0])
            plt.title("Loss")
            plt.xlabel("epoch")
            plt.ylabel("loss")
            plt.legend()
            plt.grid()
            plt.xscale(.log)
            plt.yscale("log")
            plt.xlim(1, 3)
            plt.ylim(bottom: 0.5)
            plt.ylim(top: 200)
            plt.suptitle("Training")
            let figure = try #require(cellFigures().first)
            #expect(figure.title == "Training")
            let panel = figure.panels[0]
            #expect(panel.title == "Loss" && panel.xlabel == "epoch" && panel.ylabel == "loss")
            #expect(panel.legend && panel.grid)
            #expect(panel.xscale == .log && panel.yscale == .log)
            #expect(panel.xlim == Figure.Limits(start: 1, end: 3))
            #expect(
                panel.ylim == Figure.Limits(start: 0.5, end: 200), "setting one end keeps the other, as in matplotlib")
        }

        @Test("subplot places panels in a grid; selecting a panel again draws into it; 212 means (2, 1, 2)")
        func subplots() throws {
            plt.subplot(2, 1, 1)
            plt.plot([1.0, 2.0])
            plt.title("top")
            plt.subplot(212)
            plt.hist([1.0, 2.0, 2.0])
            plt.subplot(2, 1, 1)
            plt.plot([2.0, 1.0])
            let figures = cellFigures()
            #expect(figures.count == 1)
            let panels = try #require(figures.first?.panels)
            #expect(panels.map { [$0.rows, $0.columns, $0.index] } == [[2, 1, 1], [2, 1, 2]])
            #expect(panels.map { $0.series.map(\.kind) } == [[.line, .line], [.hist]])
            #expect(panels.map(\.title) == ["top", nil])
        }

        @Test("hist counts as np.histogram does, edges included (numbers from numpy 2.4)")
        func histogramMatchesNumpy() throws {
            // np.histogram([0.0, 1.0, 0.3, 0.6, 0.7], bins=10): 0.3 < 3 * 0.1 puts 0.3 in bin 2.
            plt.hist([0.0, 1.0, 0.3, 0.6, 0.7])
            // np.histogram([1, 2, 2, 3, 3, 3], bins=3)
            plt.hist([1, 2, 2, 3, 3, 3], bins: 3)
            // np.histogram([5.0], bins=2): one value widens to ±0.5. NaN and inf are left out.
            plt.hist([5.0, .nan, .infinity], bins: 2)
            // np.histogram([0.1, 0.2, 0.3, 0.7, 1.0, 1.0], bins=[0, 0.25, 0.5, 1]): the top edge is in the last bin.
            plt.hist([0.1, 0.2, 0.3, 0.7, 1.0, 1.0], bins: [0, 0.25, 0.5, 1])
            let series = try #require(cellFigures().first?.panels.first?.series)
            #expect(series.allSatisfy { $0.kind == .hist })
            #expect(series[0].y == [1, 0, 1, 0, 0, 1, 1, 0, 0, 1])
            #expect(
                series[0].x == [
                    0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001,
                    0.7000000000000001, 0.8, 0.9, 1.0
                ])
            #expect(series[1].y == [1, 2, 3])
            #expect(series[1].x == [1.0, 1.6666666666666665, 2.333333333333333, 3.0])
            #expect(series[2].y == [0, 1] && series[2].x == [4.5, 5, 5.5])
            #expect(series[3].y == [2, 1, 3] && series[3].x == [0, 0.25, 0.5, 1])
        }

        @Test("imshow keeps a 2-D tensor's rows, with extent, origin and colour range")
        func imshowKeepsRows() throws {
            plt.imshow(Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
            plt.imshow([[1, 2], [3, 4]], vmin: 0, vmax: 5, extent: (0, 1, 0, 1), origin: "lower")
            let series = try #require(cellFigures().first?.panels.first?.series)
            #expect(series[0].kind == .image && series[0].values == [[1, 2, 3], [4, 5, 6]])
            #expect(series[0].origin == .upper && series[0].extent == nil && series[0].vmin == nil)
            #expect(series[1].values == [[1, 2], [3, 4]] && series[1].origin == .lower)
            #expect(series[1].extent == [0, 1, 0, 1] && series[1].vmin == 0 && series[1].vmax == 5)
        }
    }
}
