import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Figures drawn with `plt` in every report, and checked as data.
@Suite(.serialized) struct FigureReportTests {
    private func folder() throws -> URL {
        let dir = try temporaryDirectory()
        try FileManager.default.copyItem(
            atPath: Fixture.path("plots.md"), toPath: dir.appendingPathComponent("plots.md").path)
        return dir
    }

    @Test func threeFiguresInThreeCellsInEveryFormat() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try nbrun("render", "plots.md", "-o", "-", in: dir)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.components(separatedBy: "<figure class=\"nbrun-figure\">").count - 1 == 3)
        #expect(html.stdout.contains("<figcaption>Training loss</figcaption>"))
        #expect(html.stdout.contains("<figcaption>scatter plot of points, 3 points</figcaption>"))

        let markdown = try nbrun("render", "plots.md", "--to", "md", in: dir)
        #expect(markdown.status == 0)
        let text = try String(contentsOf: dir.appendingPathComponent("plots.out.md"), encoding: .utf8)
        #expect(text.contains("![Training loss](plots.out.files/figure-1.svg)"))
        #expect(text.contains("![scatter plot of points, 3 points](plots.out.files/figure-2.svg)"))
        #expect(text.contains("![heat map, 2×2](plots.out.files/figure-3.svg)"))
        for number in 1...3 {
            let svg = try String(
                contentsOf: dir.appendingPathComponent("plots.out.files/figure-\(number).svg"),
                encoding: .utf8)
            #expect(svg.hasPrefix("<svg") && svg.contains("<title>"))
        }
        #expect(
            !FileManager.default.fileExists(atPath: dir.appendingPathComponent("plots.out.files/figure-4.svg").path))
        // On stdout there is nowhere to put files: the figures go inline.
        let inline = try nbrun("render", "plots.md", "--to", "md", "-o", "-", in: dir)
        #expect(inline.stdout.contains("![Training loss](data:image/svg+xml;base64,"))

        let json = try nbrun("render", "plots.md", "--to", "json", "-o", "-", in: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let cells = try #require(object?["cells"] as? [[String: Any]])
        let figures = cells.map { $0["figures"] as? [[String: Any]] ?? [] }
        #expect(figures.map(\.count) == [1, 1, 1, 0])  // figures=false hides the fourth
        let curve = try #require((figures[0].first?["series"] as? [[String: Any]])?.first)
        #expect(figures[0].first?["title"] as? String == "Training loss")
        #expect(figures[0].first?["xlabel"] as? String == "step")
        #expect(curve["kind"] as? String == "line" && curve["label"] as? String == "loss")
        #expect((curve["y"] as? [Double])?.count == 200)
        #expect((curve["y"] as? [Double])?[3] == 0.25)
        let points = try #require((figures[1].first?["series"] as? [[String: Any]])?.first)
        #expect(points["x"] as? [Double] == [1, 2, 3] && points["y"] as? [Double] == [2, 4, 5])
        let image = try #require((figures[2].first?["series"] as? [[String: Any]])?.first)
        #expect(image["values"] as? [[Double]] == [[0, 1], [2, 3]])
    }

    @Test func aFigureMarkedCheckIsDocumentedAndADriftFailsCheck() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let update = try nbrun("update", "--add-missing", "plots.md", in: dir)
        #expect(update.status == 0, "\(update.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("plots.md"), encoding: .utf8)
        #expect(
            text.contains(
                """
                ```output
                three points
                figure 1: scatter plot of points, 3 points
                  scatter "points"
                    x: 1.0 2.0 3.0
                    y: 2.0 4.0 5.0
                ```
                """))
        #expect(try nbrun("check", "plots.md", in: dir).status == 0)
        try text.replacingOccurrences(of: "[2.0, 4.0, 5.0]", with: "[2.0, 4.0, 5.5]")
            .write(to: dir.appendingPathComponent("plots.md"), atomically: true, encoding: .utf8)
        let drift = try nbrun("check", "plots.md", in: dir)
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("expected 5.0, got 5.5"))
    }

    @Test func aHundredThousandPointsAreThinnedAndTheJSONSaysSo() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        ```swift-cell
        plt.plot((0..<100_000).map { sin(Double($0) / 1000) })
        ```

        """.write(to: dir.appendingPathComponent("long.md"), atomically: true, encoding: .utf8)
        let json = try nbrun("render", "long.md", "--to", "json", "-o", "-", in: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let cell = try #require((object?["cells"] as? [[String: Any]])?.first)
        let series = try #require(((cell["figures"] as? [[String: Any]])?.first?["series"] as? [[String: Any]])?.first)
        #expect(series["thinnedFrom"] as? Int == 100_000)
        #expect(((series["y"] as? [Double])?.count ?? 0) <= 5_000)
        let html = try nbrun("render", "long.md", "-o", "-", in: dir)
        #expect(html.stdout.contains("<figcaption>line plot, 100,000 points</figcaption>"))
        #expect(html.stdout.utf8.count < 1_000_000)  // the page stays a usable size
    }
}
