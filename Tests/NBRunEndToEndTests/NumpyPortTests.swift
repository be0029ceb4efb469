import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Notebooks that are line-by-line ports of a numpy script in bench/: run both, and
/// every printed line must be identical, byte for byte.
@Suite("Notebooks ported from numpy print what their numpy originals print")
struct NumpyPortTests {
    @Test(
        "every printed line matches the numpy script",
        arguments: [
            ("notebooks/softmax.md", "bench/softmax.py"),
            // The course lesson (spiral data, softmax, a 100-unit ReLU network) that bench/run.sh times.
            ("notebooks/spiral.md", "bench/spiral.py"),
            // The classification lesson: clusters, a softmax classifier, decision regions.
            ("notebooks/clusters.md", "bench/clusters.py")
        ])
    func everyPrintedLineMatchesTheNumpyScript(notebook: String, script: String) throws {
        let numpy = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script], environment: nil,
            directory: Fixture.packageRoot)
        let numpyError = String(decoding: numpy.stderr, as: UTF8.self)
        try #require(numpy.status == 0, "python3 with numpy is needed to run \(script): \(numpyError)")
        let expected = String(decoding: numpy.stdout, as: UTF8.self)
        #expect(expected.split(separator: "\n").count > 15)

        let environment: [String: String] = [:]  // the tests' shared cache
        let result = try nbrun(
            "render", notebook, "--to", "json", "-o", "-", in: Fixture.packageRoot, environment: environment)
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let swift = cells.compactMap { $0["stdout"] as? String }.joined()
        let pairs = zip(
            expected.split(separator: "\n", omittingEmptySubsequences: false),
            swift.split(separator: "\n", omittingEmptySubsequences: false))
        if let (number, (numpyLine, swiftLine)) = pairs.enumerated().first(where: { $1.0 != $1.1 }).map({ ($0, $1) }) {
            Issue.record("line \(number + 1) differs:\nnumpy: \(numpyLine)\nswift: \(swiftLine)")
        }
        #expect(swift == expected)

        // The documented outputs are those same lines.
        let check = try nbrun("check", notebook, in: Fixture.packageRoot, environment: environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// The lesson's figure has matplotlib's data: the contour levels matplotlib chose for
    /// the decision regions, the grid, and the points with their colour values.
    @Test("the clusters lesson's figure has matplotlib's levels, grid and points")
    func clustersFigureMatchesMatplotlib() throws {
        let python = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "bench/clusters.py", "--figure"], environment: nil,
            directory: Fixture.packageRoot)
        try #require(
            python.status == 0,
            "python3 with numpy and matplotlib is needed: \(String(decoding: python.stderr, as: UTF8.self))")
        let lastLine = try #require(String(decoding: python.stdout, as: UTF8.self).split(separator: "\n").last)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any])

        let result = try nbrun(
            "render", "notebooks/clusters.md", "--to", "json", "-o", "-", in: Fixture.packageRoot, environment: [:])
        try #require(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let figures = cells.flatMap { $0["figures"] as? [[String: Any]] ?? [] }
        try #require(figures.count == 1)
        let series = try #require(figures[0]["series"] as? [[String: Any]])
        let contourf = try #require(series.first { $0["kind"] as? String == "contourf" })
        let scatter = try #require(series.first { $0["kind"] as? String == "scatter" })
        let contourStyle = try #require(contourf["style"] as? [String: Any])
        #expect(contourStyle["levels"] as? [Double] == expected["levels"] as? [Double])
        #expect(contourf["x"] as? [Double] == expected["x"] as? [Double])
        #expect(contourf["y"] as? [Double] == expected["y"] as? [Double])
        let points = try #require(expected["points"] as? [[Double]])
        #expect(scatter["x"] as? [Double] == points.map { $0[0] })
        #expect(scatter["y"] as? [Double] == points.map { $0[1] })
        let scatterStyle = try #require(scatter["style"] as? [String: Any])
        #expect(scatterStyle["colorValues"] as? [Double] == expected["colors"] as? [Double])
        #expect(scatterStyle["cmap"] as? String == "Spectral")
    }
}
