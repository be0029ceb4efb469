import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// nbrun installed like a tool, and CI scaled out on the CI's own matrix.
@Suite(.serialized) struct InstallTests {
    @Test func anInstalledNBRunWorksFromAnyFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("prefix")
        let install = try SystemProcessRunner().run(
            Fixture.packageRoot.appendingPathComponent("scripts/install"), [prefix.path],
            environment: ProcessInfo.processInfo.environment.merging(
                ["NBRUN_BIN": nbrunExecutable.path]) { $1 },
            directory: dir)
        #expect(install.status == 0, "\(String(decoding: install.stderr, as: UTF8.self))")
        // The runtime library the build compiled goes beside the binary, stamp and all.
        let installedStamp = try String(
            contentsOf: prefix.appendingPathComponent("lib/nbrun/runtime/nbrun-runtime.stamp"), encoding: .utf8)
        #expect(installedStamp.hasPrefix(RuntimeLibrary.stamp(for: try Toolchain.locate())))
        #expect(installedStamp.contains(" libNBRuntime.so\n"))
        // A notebook in a folder that has nothing to do with the repository.
        let work = dir.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Fixture.packageRoot.appendingPathComponent("notebooks/backprop.md"),
            to: work.appendingPathComponent("backprop.md"))
        let run = try SystemProcessRunner().run(
            prefix.appendingPathComponent("bin/nbrun"), ["backprop.md"],
            environment: ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": testCache]) { $1 },
            directory: work)
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let html = try String(contentsOf: work.appendingPathComponent("backprop.html"), encoding: .utf8)
        #expect(html.contains("Loss: 0.13434887664395717"))
        #expect(html.contains("katex"))
        // With an empty cache, the installed nbrun copies that library instead of compiling one.
        let fresh = try SystemProcessRunner().run(
            prefix.appendingPathComponent("bin/nbrun"), ["check", "backprop.md"],
            environment: ProcessInfo.processInfo.environment.merging(
                ["XDG_CACHE_HOME": dir.appendingPathComponent("empty-cache").path]) { $1 },
            directory: work)
        let said = String(decoding: fresh.stderr, as: UTF8.self)
        #expect(fresh.status == 0, "\(said)")
        #expect(!said.contains("building its runtime library"), "\(said)")
    }

    /// The `nbrun check` line of docs/ci.md's workflow, run for each shard as the matrix would.
    @Test func theWorkflowsShardsCheckEveryNotebookExactlyOnce() throws {
        let text = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("run: nbrun check --shard") })
        let command = String(line.split(separator: "run: ", maxSplits: 1)[1])
        let shards = try #require(text.split(separator: "\n").first { $0.contains("shard: [") })
        let count = shards.filter { $0 == "," }.count + 1
        #expect(command.contains("/\(count) "))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notebooks = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.packageRoot.appendingPathComponent("notebooks").path
        ).filter { $0.hasSuffix(".md") }.sorted()
        var checked: [String] = []
        for shard in 1...count {
            let arguments = command.replacingOccurrences(of: "${{ matrix.shard }}", with: "\(shard)")
                .split(separator: " ").dropFirst().flatMap { word -> [String] in
                    word == "notebooks/*.md" ? notebooks.map { "notebooks/\($0)" } : [String(word)]
                }
                .map { $0.hasPrefix("junit-") ? dir.appendingPathComponent($0).path : $0 }
            let result = try nbrun(arguments, in: Fixture.packageRoot)
            #expect(result.status == 0, "shard \(shard): \(result.stdout)\(result.stderr)")
            let xml = try String(contentsOf: dir.appendingPathComponent("junit-\(shard).xml"), encoding: .utf8)
            checked += xml.split(separator: "\n").filter { $0.contains("<testsuite ") }.map { line in
                String(line.split(separator: "\"")[1])
            }
        }
        #expect(checked.sorted() == notebooks.map { "notebooks/\($0)" })
    }
}
