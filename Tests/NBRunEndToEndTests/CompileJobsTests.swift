import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Compiles run swiftc's jobs without its driver (``CompileJobs``): the jobs must be the
/// ones the driver itself would run, and a program built from them must say and do what
/// the driver's says and does.
@Suite struct CompileJobsTests {
    private static func compiler() throws -> Compiler {
        try Workbench(settings: testRunSettings()).runner.compiler
    }

    /// The driver's own answer for `files` in `directory`: what `swiftc -###` prints, with
    /// its temporary folder (where the object, the link list and the output map go) read
    /// as `directory`; and the output map it wrote there, if any, as JSON.
    private static func driversJobs(
        _ compiler: Compiler, files: [String], threads: Int = 1, in directory: URL
    ) throws -> (jobs: [[String]], map: NSDictionary?) {
        let flags = try SerializedDiagnostics.flags(writingTo: directory.appendingPathComponent("diagnostics.dia"))
        let result = try SystemProcessRunner().run(
            compiler.toolchain.swiftc,
            ["-###"] + compiler.arguments(files: files, output: "notebook", threads: threads) + flags,
            environment: nil, directory: directory)
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        let output = String(decoding: result.stdout, as: UTF8.self)
        let temporary = try #require(CompileJobs.temporaryFolder(inDriverOutput: output))
        defer { try? FileManager.default.removeItem(at: temporary) }
        let map = FileManager.default.contents(atPath: temporary.appendingPathComponent("supplementaryOutputs-1").path)
        var jobs = output.split(separator: "\n").map { line in
            line.split(separator: " ").map { String($0) }
        }
        // From 129 files on, the driver hands the frontend its files in a list; nbrun names
        // them as arguments, which the frontend reads alike.
        if let flag = jobs[0].firstIndex(of: "-filelist") {
            let list = try String(contentsOfFile: jobs[0][flag + 1], encoding: .utf8)
            jobs[0].replaceSubrange(flag...flag + 1, with: list.split(separator: "\n").map(String.init))
        }
        jobs = jobs.map { job in job.map { $0.replacingOccurrences(of: temporary.path, with: directory.path) } }
        return (jobs, try map.map { try JSONSerialization.jsonObject(with: $0) as? NSDictionary } ?? nil)
    }

    @Test func theKeptJobsAreTheDriversOwnForEveryProgramsFiles() throws {
        let compiler = try Self.compiler()
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        for files in [
            ["main.swift"], ["session.swift", "main.swift"], ["session.swift", "nbrun-cell-1.swift", "main.swift"],
            ["session.swift"] + (1...12).map { "nbrun-cell-\($0).swift" } + ["main.swift"],
            ["session.swift"] + (1...200).map { "nbrun-cell-\($0).swift" } + ["main.swift"]
        ] {
            let jobs = try #require(
                CompileJobsCache(directory: cache).jobs(for: compiler, .program, inputs: files.count),
                "this swiftc's driver printed jobs nbrun can't run itself: every compile pays the driver")
            #expect(
                CompileJobsCache(directory: cache).jobs(for: compiler, .program, inputs: files.count) == jobs,
                "read back")
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let driver = try Self.driversJobs(compiler, files: files, in: directory)
            #expect(jobs.instantiated(directory: directory, files: files) == driver.jobs, "\(files)")
            let map = jobs.outputMap(directory: directory, files: files)
            #expect(
                map.map { $0.file.path } == directory.appendingPathComponent("supplementaryOutputs-1").path
                    || (map == nil && driver.map == nil))
            #expect(
                try map.map { try JSONSerialization.jsonObject(with: Data($0.text.utf8)) as? NSDictionary } ?? nil
                    == driver.map, "\(files)")
        }
        // Two kinds of jobs: for one or two files, and for three or more.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 2)
    }

    /// With code generation on several threads, the frontend writes an object per file,
    /// and the link takes them all: jobs for as many files as the program has.
    @Test func theKeptThreadedJobsAreTheDriversOwnWithAnObjectPerFile() throws {
        let compiler = try Self.compiler()
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        for files in [
            ["session.swift", "cells-1.swift", "cells-2.swift", "main.swift"],
            ["session.swift", "cells-1.swift", "cell-9.swift", "cells-2.swift", "main.swift"]
        ] {
            let jobs = try #require(
                CompileJobsCache(directory: cache).jobs(for: compiler, .program, inputs: files.count, threads: 2))
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let driver = try Self.driversJobs(compiler, files: files, threads: 2, in: directory)
            let instantiated = jobs.instantiated(directory: directory, files: files)
            // The driver names each object after its file, the kept jobs after a stand-in;
            // in the order they are first named, they are the same objects.
            func numberingObjects(_ jobs: [[String]]) -> [[String]] {
                var numbers: [String: Int] = [:]
                return jobs.map { job in
                    job.map { argument in
                        guard argument.hasPrefix(directory.path), argument.hasSuffix(".o") else { return argument }
                        if numbers[argument] == nil { numbers[argument] = numbers.count }
                        return "object \(numbers[argument]!)"
                    }
                }
            }
            #expect(numberingObjects(instantiated) == numberingObjects(driver.jobs), "\(files)")
            #expect(instantiated[0].filter { $0 == "-o" }.count == files.count)
            #expect(instantiated[2].filter { $0.hasSuffix(".o") && $0.hasPrefix(directory.path) }.count == files.count)
        }
    }

    /// A notebook of 20 cells compiles as two units of cells, on two threads: its output,
    /// and the places of an error and of a trap, are what each cell alone in its file gave.
    @Test func aNotebookCompiledAsUnitsSaysWhatItsCellsWouldAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func notebook(_ special: [Int: String]) -> String {
            "# Twenty cells\n\n"
                + (1...20).map { "```swift-cell\n\(special[$0] ?? "let a\($0) = \($0) * 2\nprint(a\($0))")\n```\n\n" }
                .joined()
        }
        // Cell N's first line is line 5N - 1.
        let cases: [(name: String, special: [Int: String], status: Int32, expected: [String])] = [
            ("ok", [9: "import Dispatch\nlet a9 = 18\nprint(a9, a1)"], 0, []),
            (
                "error", [18: "let b: Int = \"x\"\nprint(b)"], 1,
                [
                    "error.md:89:14: error: cannot convert value of type 'String' to specified type 'Int'\n"
                        + "let b: Int = \"x\"\n             ^\n"
                ]
            ),
            (
                "trap", [17: "let xs = [1, 2]\nlet y = xs[a1 + 1]\nprint(y)"], 1,
                ["trap.md:85:11: error: Fatal error: Index out of range\nlet y = xs[a1 + 1]\n          ^\n"]
            )
        ]
        for (name, special, status, expected) in cases {
            let file = directory.appendingPathComponent("\(name).md")
            try notebook(special).write(to: file, atomically: true, encoding: .utf8)
            let result = try nbrun(
                ["render", file.lastPathComponent, "--to", "md", "-o", "-"], in: directory,
                environment: ["NBRUN_CODEGEN_THREADS": "2"])
            #expect(result.status == status, "\(result.messages)")
            for message in expected { #expect(result.stderr.contains(message), "\(result.stderr)") }
            #expect(!result.messages.contains("cells-"), "a unit's name reached the user: \(result.messages)")
            if name == "ok" {
                #expect(result.stdout.contains("18 2\n"))
                #expect(result.stdout.contains("40\n"))
            }
        }
    }

    @Test func aKeptFileThatIsNotJobsIsAskedForAgain() throws {
        let compiler = try Self.compiler()
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let jobs = try #require(CompileJobsCache(directory: cache).jobs(for: compiler, .program, inputs: 5))
        let file = cache.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: cache.path)[0])
        try "/bin/true\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(CompileJobsCache(directory: cache).jobs(for: compiler, .program, inputs: 5) == jobs)
        #expect(try String(contentsOf: file, encoding: .utf8) == jobs.text)
        // A driver whose answer wasn't usable is remembered: its compiles go through it.
        try "unusable\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(CompileJobsCache(directory: cache).jobs(for: compiler, .program, inputs: 5) == nil)
    }

    @Test func whatTheDriverPrintsIsTakenOnlyWhenItIsWhatIsExpected() throws {
        let directory = URL(fileURLWithPath: "/tmp/nbrun-X")
        let frontend = "/s/bin/swift-frontend -frontend -c nbrun-stand-in.swift main.swift -o /tmp/T.1/P-1.o"
        let autolink = "/s/bin/swift-autolink-extract /tmp/T.1/P-1.o -o /tmp/T.1/P-2.autolink"
        let link = "/s/bin/clang /tmp/T.1/P-1.o @/tmp/T.1/P-2.autolink -L /tmp/nbrun-X/lib -o notebook"
        let standIns = CompileJobs.Kind.program.standIns(inputs: 2)
        func parsed(_ lines: String...) -> CompileJobs? {
            CompileJobs(
                driverOutput: lines.joined(separator: "\n") + "\n", kind: .program, standIns: standIns,
                directory: directory
            ) { _ in nil }
        }
        let jobs = try #require(parsed(frontend, autolink, link))
        #expect(
            jobs.instantiated(directory: URL(fileURLWithPath: "/b"), files: ["a.swift", "main.swift"]) == [
                ["/s/bin/swift-frontend", "-frontend", "-c", "a.swift", "main.swift", "-o", "/b/P-1.o"],
                ["/s/bin/swift-autolink-extract", "/b/P-1.o", "-o", "/b/P-2.autolink"],
                ["/s/bin/clang", "/b/P-1.o", "@/b/P-2.autolink", "-L", "/b/lib", "-o", "notebook"]
            ])
        #expect(CompileJobs(text: jobs.text, kind: .program) == jobs)
        #expect(CompileJobs(text: jobs.text, kind: .patchLink) == nil)
        #expect(parsed(frontend, autolink) == nil, "no link")
        #expect(parsed(frontend, link, autolink) == nil, "out of order")
        #expect(parsed(frontend.replacingOccurrences(of: "main.swift", with: "'main.swift'"), autolink, link) == nil)
        #expect(parsed(frontend.replacingOccurrences(of: " main.swift", with: " -g main.swift"), autolink, link) == nil)
        #expect(parsed(frontend, autolink + " main.swift", link) == nil, "a stand-in twice")
        #expect(parsed(frontend.replacingOccurrences(of: "/tmp/T.1/", with: "/tmp/nbrun-X/"), autolink, link) == nil)
        #expect(parsed(frontend + " -supplementary-output-file-map /tmp/T.1/s-1", autolink, link) == nil, "no map")
    }

    /// A patch's link, from its objects: the same two jobs as the driver's for 1, 2 and 5
    /// objects, and a patch built that way runs in the preview (`IncrementalPreviewTests`).
    @Test func theKeptPatchLinkJobsAreTheDriversOwn() throws {
        let compiler = try Self.compiler()
        let cache = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        for objects in [["patch.o"], ["cell-3.o", "patch.o"], (3...6).map { "cell-\($0).o" } + ["patch.o"]] {
            let jobs = try #require(
                CompileJobsCache(directory: cache).jobs(for: compiler, .patchLink, inputs: objects.count))
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try SystemProcessRunner().run(
                compiler.toolchain.swiftc, ["-###"] + compiler.patchLinkArguments(objects: objects),
                environment: nil, directory: directory)
            let output = String(decoding: result.stdout, as: UTF8.self)
            let temporary = try #require(CompileJobs.temporaryFolder(inDriverOutput: output))
            try? FileManager.default.removeItem(at: temporary)
            let driver = output.split(separator: "\n").map { line in
                line.split(separator: " ").map { $0.replacingOccurrences(of: temporary.path, with: directory.path) }
            }
            #expect(jobs.instantiated(directory: directory, files: objects) == driver, "\(objects)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 1)
        #expect(CompileJobsCache(directory: cache).jobs(for: compiler, .patchLink, inputs: 129) == nil, "a file list")
    }

    /// The bytes the autolink list is kept by are the object's own section, as binutils'
    /// objcopy dumps it, and they differ with what a program imports.
    @Test func theAutolinkEntriesAreTheObjectsOwnSection() throws {
        let compiler = try Self.compiler()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var found: [Data] = []
        for (name, code) in [("plain", "print(1)\n"), ("foundation", "import Foundation\nprint(Date())\n")] {
            try code.write(to: dir.appendingPathComponent(name + ".swift"), atomically: true, encoding: .utf8)
            let runner = SystemProcessRunner()
            let compiled = try runner.run(
                compiler.toolchain.swiftc, ["-c", name + ".swift", "-o", name + ".o"], environment: nil, directory: dir)
            #expect(compiled.status == 0)
            let dumped = try runner.run(
                URL(fileURLWithPath: "/usr/bin/objcopy"),
                ["--dump-section", ".swift1_autolink_entries=\(name).bin", name + ".o", name + ".copy.o"],
                environment: nil, directory: dir)
            #expect(dumped.status == 0, "binutils' objcopy: \(String(decoding: dumped.stderr, as: UTF8.self))")
            let entries = try #require(AutolinkEntries.bytes(inObject: dir.appendingPathComponent(name + ".o")))
            #expect(entries == (try Data(contentsOf: dir.appendingPathComponent(name + ".bin"))))
            found.append(entries)
        }
        #expect(found[0] != found[1])
        #expect(String(decoding: found[1], as: UTF8.self).split(separator: "\0").contains("-lFoundation"))
        #expect(AutolinkEntries.bytes(inObject: Data("#!/bin/sh\n".utf8)) == nil)
    }

    @Test func aProgramBuiltFromTheJobsPrintsAndWarnsAsTheDriversDoes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("n.md")
        try """
        # Jobs

        ```swift-cell
        import Foundation
        if 1 is Int { print("always") }
        let t = np.array([[1.0, 2.0], [3.0, 4.0]])
        print(np.dot(t, t), String(format: "%.2f", sqrt(2.0)))
        ```

        """.write(to: file, atomically: true, encoding: .utf8)
        // Another program with the same imports: its link list comes from the cache.
        let second = dir.appendingPathComponent("second.md")
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "sqrt(2.0)", with: "sqrt(3.0)")
            .write(to: second, atomically: true, encoding: .utf8)
        let broken = dir.appendingPathComponent("broken.md")
        try "```swift-cell\nlet a = 1\nprint(a + b)\n```\n".write(to: broken, atomically: true, encoding: .utf8)
        let caches = (dir.appendingPathComponent("direct"), dir.appendingPathComponent("driver"))
        func render(_ notebook: URL, _ cache: URL, _ extra: [String: String]) throws -> CommandResult {
            try nbrun(
                "render", notebook.path, "--to", "md", "-o", "-",
                environment: ["XDG_CACHE_HOME": cache.path].merging(extra) { $1 })
        }
        for notebook in [file, second, broken] {
            let direct = try render(notebook, caches.0, [:])
            let driver = try render(notebook, caches.1, ["NBRUN_COMPILE": "driver"])
            #expect(direct.stdout == driver.stdout)
            // The same messages, but for the summary's time ("1 cell failed in 0.15s").
            func timeless(_ text: String) -> String {
                text.replacingOccurrences(of: #" in [0-9.]+s"#, with: " in Ts", options: .regularExpression)
            }
            #expect(timeless(direct.stderr) == timeless(driver.stderr))
            #expect(direct.status == driver.status)
        }
        let direct = try render(file, caches.0, [:])
        #expect(direct.stdout.contains("[[ 7. 10.]\n [15. 22.]] 1.41"), "\(direct.stdout)")
        #expect(direct.stderr.contains("n.md:5:6: warning: 'is' test is always true"), "\(direct.stderr)")
        #expect(try render(broken, caches.0, [:]).stderr.contains("cannot find 'b' in scope"))
        #expect(try render(second, caches.0, [:]).stdout.contains("1.73"))
        // The jobs, and one autolink list: both programs import the same modules.
        let kept = caches.0.appendingPathComponent("nbrun/jobs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: kept.path)) ?? []
        #expect(names.count == 2 && names.filter { $0.hasPrefix("autolink-") }.count == 1, "\(names)")
        #expect(!FileManager.default.fileExists(atPath: caches.1.appendingPathComponent("nbrun/jobs").path))
    }
}
