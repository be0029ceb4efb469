import Foundation
import TestSupport
import Testing
import Yams

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

    /// docs/ci.md's workflow caches the installed nbrun: its key's step, run here on this
    /// clone, gives nbrun's commit and the toolchain, and the cached folder is the prefix
    /// `scripts/install` is given, holding everything that install writes (so a warm job
    /// has the binary and its runtime library, and no release build to do).
    @Test func theWorkflowCachesWhatScriptsInstallWrites() throws {
        let steps = try Self.workflowSteps()
        let which = try #require(steps.first { $0["id"] as? String == "nbrun" })
        let cache = try #require(steps.first { $0["id"] as? String == "installed" })
        let install = try #require(steps.first { $0["name"] as? String == "Install nbrun" })
        let options = try #require(cache["with"] as? [String: Any])
        let cached = try #require(options["path"] as? String)
        let key = try #require(options["key"] as? String)
        #expect(cache["uses"] as? String == "actions/cache@v4")
        #expect(
            key.contains("${{ steps.nbrun.outputs.commit }}") && key.contains("${{ steps.nbrun.outputs.toolchain }}"))

        // The key's step, on this clone instead of a fresh one.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = try #require(which["run"] as? String).split(separator: "\n")
            .filter { !$0.hasPrefix("git clone") }.joined(separator: "\n")
            .replacingOccurrences(of: "/tmp/nbrun", with: Fixture.packageRoot.path)
        let outputs = dir.appendingPathComponent("outputs")
        let ran = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/bin/bash"), ["-euo", "pipefail", "-c", script],
            environment: ProcessInfo.processInfo.environment.merging(["GITHUB_OUTPUT": outputs.path]) { $1 },
            directory: dir)
        #expect(ran.status == 0, "\(String(decoding: ran.stderr, as: UTF8.self))")
        let told = try String(contentsOf: outputs, encoding: .utf8)
        let head = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/git"), ["-C", Fixture.packageRoot.path, "rev-parse", "HEAD"],
            environment: nil, directory: nil)
        #expect(told.contains("commit=\(String(decoding: head.stdout, as: UTF8.self))"), "\(told)")
        #expect(
            told.split(separator: "\n").contains { $0.hasPrefix("toolchain=") && $0.count == "toolchain=".count + 16 })

        // The install step installs into the cached folder and puts its bin on PATH.
        let installing = try #require(install["run"] as? String)
        #expect(installing.contains("/tmp/nbrun/scripts/install \(cached);"), "\(installing)")
        #expect(installing.contains("echo \(cached)/bin >> \"$GITHUB_PATH\""), "\(installing)")
        // What scripts/install writes there: the binary, and the runtime library with its stamp.
        let prefix = dir.appendingPathComponent(String(cached.dropFirst()))
        let installed = try SystemProcessRunner().run(
            Fixture.packageRoot.appendingPathComponent("scripts/install"), [prefix.path],
            environment: ProcessInfo.processInfo.environment.merging(["NBRUN_BIN": nbrunExecutable.path]) { $1 },
            directory: dir)
        #expect(installed.status == 0, "\(String(decoding: installed.stderr, as: UTF8.self))")
        let written = try #require(FileManager.default.subpaths(atPath: dir.path)).filter { $0 != "outputs" }.sorted()
        let inPrefix = String(cached.dropFirst())
        // Nothing outside the cached folder but the folders above it.
        #expect(
            written.allSatisfy { $0 == inPrefix || $0.hasPrefix(inPrefix + "/") || inPrefix.hasPrefix($0 + "/") },
            "\(written)")
        #expect(written.contains("\(inPrefix)/bin/nbrun"))
        #expect(written.contains("\(inPrefix)/lib/nbrun/runtime/nbrun-runtime.stamp"))
        #expect(written.contains("\(inPrefix)/lib/nbrun/runtime/libNBRuntime.so"))
    }

    /// The steps of docs/ci.md's workflow, as YAML gives them.
    static func workflowSteps() throws -> [[String: Any]] {
        let text = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let yaml = try #require(
            text.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let workflow = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let check = try #require(jobs["check"] as? [String: Any])
        return try #require(check["steps"] as? [[String: Any]])
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
