import Foundation
import NBRuntime
import Testing

/// A mistake stops the program with matplotlib's message. Each test makes the mistake in
/// a child process (an exit test) and reads what it wrote to stderr.
@Suite("plt's error messages")
struct PlotErrorTests {
    /// Asserts that the child process stopped with `message`.
    func expectMessage(
        _ message: String, _ result: ExitTest.Result?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("Fatal error: " + message), "stderr: \(stderr)", sourceLocation: sourceLocation)
    }

    @Test func xAndYOfDifferentLengths() async {
        let plot = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.plot([1.0, 2, 3], [1.0, 2, 3, 4])
        }
        expectMessage("plot: x and y must have same first dimension, but have shapes (3,) and (4,)", plot)
        let scatter = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.scatter([1.0, 2], Tensor([1.0, 2, 3]))
        }
        expectMessage("scatter: x and y must be the same size, but have shapes (2,) and (3,)", scatter)
        let rank3 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.plot([1.0, 2], Tensor(shape: [2, 1, 1], scalars: [1, 2]))
        }
        expectMessage("plot: x and y can be no greater than 2D, but have shapes (2,) and (2, 1, 1)", rank3)
    }

    @Test func imshowOfATensorThatIsNot2D() async {
        let vector = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.imshow(Tensor([1.0, 2, 3]))
        }
        expectMessage("imshow: Invalid shape (3,) for image data", vector)
        let ragged = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.imshow([[1.0, 2], [3]])
        }
        expectMessage("imshow: row 1 has 1 values, row 0 has 2", ragged)
    }

    @Test func subplotOutsideTheGrid() async {
        let index = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.subplot(2, 2, 5)
        }
        expectMessage("subplot: num must be an integer with 1 <= num <= 4, not 5", index)
        let code = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.subplot(210)
        }
        expectMessage("subplot: num must be an integer with 1 <= num <= 2, not 0", code)
        let rows = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.subplot(0, 1, 1)
        }
        expectMessage("subplot: Number of rows must be a positive integer, not 0", rows)
    }

    @Test func badOptions() async {
        let bins = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.hist([1.0], bins: 0)
        }
        expectMessage("hist: `bins` must be positive, when an integer, not 0", bins)
        let edges = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.hist([1.0], bins: [1, 0])
        }
        expectMessage("hist: `bins` must increase monotonically, when an array", edges)
        let limits = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.xlim(0, .nan)
        }
        expectMessage("xlim: Axis limits cannot be NaN or Inf", limits)
        let scale = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            plt.yscale(Figure.Scale(stringLiteral: "logit"))
        }
        expectMessage("'logit' is not a valid value for scale; supported values are 'linear', 'log'", scale)
    }
}
