import Foundation
import NBRunKit
import TestSupport
import Testing

/// NBRuntime's DocC catalog (`Sources/NBRuntime/NBRuntime.docc`: its landing page, with
/// docs/runtime.md and docs/numpy.md as articles) builds with the toolchain's `docc`, and a
/// warning fails: a symbol link that names nothing, an ambiguous one, a missing article.
///
/// It does what swift-docc-plugin's `generate-documentation` does, on the module this test
/// run already built: `swift-symbolgraph-extract` writes the public symbols' graph (with
/// their doc comments), then `docc convert` builds the archive. About 6 s in all.
@Suite struct DocumentationCatalogTests {
    @Test func theRuntimesCatalogBuildsWithoutAWarning() throws {
        // docc and swift-symbolgraph-extract sit beside the toolchain's own swiftc.
        let swiftc = try Toolchain.locate().swiftc
        let tools = swiftc.resolvingSymlinksInPath().deletingLastPathComponent()
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }

        let info = try run(swiftc, ["-print-target-info"])
        let target = try #require(
            (try JSONSerialization.jsonObject(with: Data(info.utf8)) as? [String: Any])?["target"] as? [String: Any])
        let triple = try #require(target["triple"] as? String)

        let graphs = folder.appendingPathComponent("symbol-graphs")
        try FileManager.default.createDirectory(at: graphs, withIntermediateDirectories: true)
        _ = try run(
            tools.appendingPathComponent("swift-symbolgraph-extract"),
            [
                "-module-name", "NBRuntime", "-target", triple, "-minimum-access-level", "public",
                "-I", Fixture.productsDirectory.appendingPathComponent("Modules").path,
                "-I", Fixture.packageRoot.appendingPathComponent("Sources/COpenBLAS").path,
                "-output-dir", graphs.path
            ])

        let archive = folder.appendingPathComponent("NBRuntime.doccarchive")
        let said = try run(
            tools.appendingPathComponent("docc"),
            [
                "convert", Fixture.packageRoot.appendingPathComponent("Sources/NBRuntime/NBRuntime.docc").path,
                "--additional-symbol-graph-dir", graphs.path, "--output-path", archive.path,
                "--fallback-display-name", "NBRuntime", "--fallback-bundle-identifier", "nbrun.NBRuntime",
                "--warnings-as-errors"
            ])
        #expect(!said.contains("warning:") && !said.contains("error:"), "\(said)")

        // The reader's pages: the module, its articles, and a symbol's page with its doc comment.
        let pages = archive.appendingPathComponent("data/documentation/nbruntime")
        for page in ["runtime.json", "numpy.json", "tensor.json", "np.json", "plt.json", "networkstate.json"] {
            #expect(FileManager.default.fileExists(atPath: pages.appendingPathComponent(page).path), "\(page)")
        }
        let numpy = try String(contentsOf: pages.appendingPathComponent("numpy.json"), encoding: .utf8)
        #expect(numpy.contains("Porting from numpy"))
    }

    /// Runs a toolchain program; its stdout and stderr together, or a failure naming it.
    private func run(_ tool: URL, _ arguments: [String]) throws -> String {
        let output = try SystemProcessRunner().run(tool, arguments, environment: nil, directory: nil, deadline: nil)
        let text = String(decoding: output.stdout + output.stderr, as: UTF8.self)
        #expect(output.status == 0, "\(tool.lastPathComponent) failed:\n\(text)")
        return text
    }
}
