import Foundation

/// The jobs swiftc's driver runs to compile a notebook's program, so nbrun can run them itself.
///
/// `swiftc` is a driver. A whole-module compile is three jobs: the frontend (every file
/// into one object), swift-autolink-extract (the libraries the object asks for) and
/// clang (the link). Of the 270 ms the driver took for backprop's program, about 58 ms
/// were not the compiler's: 33 before the frontend started, 14 in swift-autolink-extract
/// and 11 between and after the jobs (perf, the scheduler's exec and exit events). nbrun
/// asks the driver once, with `swiftc -###`, for the jobs of a compile of stand-in files,
/// keeps them (``CompileJobsCache``), and runs them with each program's own files.
///
/// From three files on, the driver names the frontend's outputs in a file (a
/// supplementary output map, keyed by the first file) rather than in its arguments, so
/// there are two kinds of jobs: for one or two files, and for three or more. nbrun writes
/// that map itself, for the program's first file.
///
/// What the driver printed is used only when it is what is expected: three jobs, in that
/// order, no argument quoted, the stand-ins once each and side by side in the frontend's,
/// and a map, if any, that names only the serialized diagnostics. Anything else, and
/// compiles go through the driver, as type checks and patches always do.
struct CompileJobs: Equatable, Sendable {
    /// Each job: its executable, then its arguments, with ``folder`` for the build folder
    /// and ``inputs`` for the program's files.
    var jobs: [[String]]

    /// What the jobs build.
    enum Kind: Sendable {
        /// A program from its Swift files: the frontend, swift-autolink-extract, clang.
        case program
        /// A patch's shared library from its objects (`Compiler.compilePatch`):
        /// swift-autolink-extract over the objects, then clang.
        case patchLink

        /// The jobs' tools, in order (clang by its name's start).
        var tools: [String] {
            switch self {
            case .program: ["swift-frontend", "swift-autolink-extract", "clang"]
            case .patchLink: ["swift-autolink-extract", "clang"]
            }
        }

        /// The files the driver is asked about for `count` inputs: `main.swift` last, as
        /// in every program, and as many as decide the driver's kind of answer. With code
        /// generation on several `threads`, the frontend writes an object per file, so
        /// there are as many as the program has.
        func standIns(inputs count: Int, threads: Int = 1) -> [String] {
            switch self {
            case .program where threads > 1:
                (1..<max(count, 2)).map { "nbrun-stand-in-\($0).swift" } + ["main.swift"]
            case .program:
                count >= 3
                    ? ["nbrun-stand-in-1.swift", "nbrun-stand-in-2.swift", "main.swift"]
                    : ["nbrun-stand-in.swift", "main.swift"]
            case .patchLink: ["nbrun-stand-in-1.o", "nbrun-stand-in-2.o"]
            }
        }

        /// How many inputs the jobs may take: from 129 on, the driver hands a link its
        /// objects in a list file, which the patch link's jobs were not asked about.
        var inputLimit: Int {
            switch self {
            case .program: .max
            case .patchLink: 128
            }
        }
    }

    /// Stands for the build folder, in and as arguments.
    static let folder = "<nbrun-build-folder>"
    /// Stands for the program's files, as one argument.
    static let inputs = "<nbrun-inputs>"
    /// Where the frontend reads which outputs to write, in the build folder; and what it
    /// writes then: the serialized diagnostics.
    static let outputMapFlag = "-supplementary-output-file-map"
    static let diagnosticsFile = "diagnostics.dia"

    /// The jobs that compile `files`, in `directory`, as the driver would.
    func instantiated(directory: URL, files: [String]) -> [[String]] {
        jobs.map { job in
            job.flatMap { argument in
                argument == Self.inputs
                    ? files : [argument.pieces(separatedBy: Self.folder).joined(separator: directory.path)]
            }
        }
    }

    /// The map the frontend reads its outputs from, when the jobs name one: what it holds
    /// for `files` in `directory`, and where it goes.
    func outputMap(directory: URL, files: [String]) -> (text: String, file: URL)? {
        guard let flag = jobs[0].firstIndex(of: Self.outputMapFlag), flag + 1 < jobs[0].count,
            let first = files.first
        else { return nil }
        let file = jobs[0][flag + 1].pieces(separatedBy: Self.folder).joined(separator: directory.path)
        let diagnostics = directory.appendingPathComponent(Self.diagnosticsFile)
        return (SerializedDiagnostics.outputMap(input: first, writingTo: diagnostics), URL(fileURLWithPath: file))
    }

    /// The jobs in what `swiftc -###` printed for a build of `kind` from `standIns` in
    /// `directory`, or nil when it isn't what is expected. `outputMap` reads the map the
    /// driver wrote, if its jobs name one.
    init?(driverOutput: String, kind: Kind, standIns: [String], directory: URL, outputMap: (URL) -> Data?) {
        let lines = driverOutput.split(separator: "\n")
        let quoting: Set<Character> = ["\"", "'", "\\", "`", "$"]
        guard lines.count == kind.tools.count, !lines.contains(where: { $0.contains(where: quoting.contains) })
        else { return nil }
        var jobs = lines.map { $0.split(separator: " ").map(String.init) }
        let tools = jobs.map { $0.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "" }
        guard zip(tools, kind.tools).allSatisfy({ $0 == $1 || ($1 == "clang" && $0.hasPrefix("clang")) }),
            kind != .program || jobs[0].dropFirst().first == "-frontend",
            jobs.allSatisfy({ $0.first?.hasPrefix("/") == true })
        else { return nil }
        // The stand-ins side by side, once in the frontend's job, or once in each of a
        // link's; nowhere else.
        for index in jobs.indices where kind == .patchLink || index == 0 {
            guard let start = jobs[index].indices.first(where: { jobs[index][$0...].starts(with: standIns) })
            else { return nil }
            jobs[index].replaceSubrange(start..<start + standIns.count, with: [Self.inputs])
        }
        guard !jobs.joined().contains(where: standIns.contains) else { return nil }
        // The driver's temporary folder (where the object goes) becomes the build folder.
        guard let output = jobs[0].firstIndex(of: "-o").map({ $0 + 1 }), output < jobs[0].count else { return nil }
        let temporary = URL(fileURLWithPath: jobs[0][output]).deletingLastPathComponent().path
        let build = directory.path
        guard temporary.count > 1, build.count > 1, !temporary.hasPrefix(build), !build.hasPrefix(temporary),
            !jobs.joined().contains(where: { $0.containsBytes(of: Self.folder) })
        else { return nil }
        // A map must name the serialized diagnostics for the first file, and nothing else.
        if let flag = jobs[0].firstIndex(of: Self.outputMapFlag) {
            guard kind == .program else { return nil }
            guard flag + 1 < jobs[0].count, let data = outputMap(URL(fileURLWithPath: jobs[0][flag + 1])),
                let map = try? JSONSerialization.jsonObject(with: data) as? [String: [String: String]],
                map == [standIns[0]: ["diagnostics": directory.appendingPathComponent(Self.diagnosticsFile).path]],
                jobs[0][flag + 1].hasPrefix(temporary + "/")
            else { return nil }
        }
        jobs = jobs.map { job in
            job.map { argument in
                argument.pieces(separatedBy: temporary).joined(separator: Self.folder)
                    .pieces(separatedBy: build).joined(separator: Self.folder)
            }
        }
        self.jobs = jobs
    }

    /// The driver's temporary folder in what `swiftc -###` printed, which it leaves behind:
    /// the folder of the first job's output (the frontend's object, or the link list).
    static func temporaryFolder(inDriverOutput output: String) -> URL? {
        guard let frontend = output.split(separator: "\n").first else { return nil }
        let arguments = frontend.split(separator: " ")
        guard let index = arguments.firstIndex(of: "-o"), index + 1 < arguments.count else { return nil }
        return URL(fileURLWithPath: String(arguments[index + 1])).deletingLastPathComponent()
    }

    // MARK: - Kept as text

    /// One job a line, its arguments separated by the unit separator (no argument holds
    /// either: the driver's output had no quoting, so no newline).
    var text: String {
        jobs.map { $0.joined(separator: "\u{1F}") }.joined(separator: "\n") + "\n"
    }

    init?(text: String, kind: Kind) {
        let jobs = text.split(separator: "\n").map { $0.split(separator: "\u{1F}").map(String.init) }
        guard jobs.count == kind.tools.count, jobs.allSatisfy({ $0.first?.hasPrefix("/") == true }),
            jobs[0].filter({ $0 == Self.inputs }).count == 1
        else { return nil }
        self.jobs = jobs
    }
}

/// The jobs for each compiler and set of flags (``CompileJobs``), a file each, named by a
/// hash of what decides them; a driver whose answer wasn't usable is remembered too.
struct CompileJobsCache: Sendable {
    var directory: URL

    private static let unusable = "unusable\n"

    /// The jobs of `compiler`'s builds of `kind` from `count` inputs: kept ones, or the
    /// driver's answer, kept. Nil means through the driver: its answer wasn't usable, or it
    /// failed (a failure isn't kept, so the next compile asks again).
    func jobs(for compiler: Compiler, _ kind: CompileJobs.Kind, inputs count: Int, threads: Int = 1) -> CompileJobs? {
        guard count <= kind.inputLimit else { return nil }
        let standIns = kind.standIns(inputs: count, threads: threads)
        var hasher = StableHasher()
        hasher.combine(compiler.toolchain.fingerprint)
        hasher.combine(Self.arguments(compiler, kind, standIns, threads: threads, scratch: nil).joined(separator: " "))
        let file = directory.appendingPathComponent(hasher.hexDigest)
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            if text == Self.unusable { return nil }
            if let jobs = CompileJobs(text: text, kind: kind) { return jobs }
        }
        guard let answer = Self.ask(compiler, kind, standIns: standIns, threads: threads) else { return nil }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch answer {
        case .jobs(let jobs):
            try? AtomicFile().write(jobs.text, to: file)
            return jobs
        case .unusable:
            try? AtomicFile().write(Self.unusable, to: file)
            return nil
        }
    }

    /// What the driver is asked about: the build's arguments for the stand-ins; a
    /// program's with its serialized diagnostics in `scratch` (only the flag, for the key).
    private static func arguments(
        _ compiler: Compiler, _ kind: CompileJobs.Kind, _ standIns: [String], threads: Int, scratch: URL?
    ) -> [String] {
        switch kind {
        case .program:
            let diagnostics = scratch.flatMap {
                try? SerializedDiagnostics.flags(writingTo: $0.appendingPathComponent(CompileJobs.diagnosticsFile))
            }
            return compiler.arguments(files: standIns, output: "notebook", threads: threads)
                + (diagnostics ?? ["-serialize-diagnostics"])
        case .patchLink:
            return compiler.patchLinkArguments(objects: standIns)
        }
    }

    /// What `swift-autolink-extract` answered for these entries (``AutolinkEntries``) with
    /// this compiler, if kept.
    func linkList(for entries: Data, toolchain: Toolchain) -> String? {
        guard let text = try? String(contentsOf: linkListFile(entries, toolchain), encoding: .utf8),
            let newline = text.firstIndex(of: "\n"), text[..<newline] == entries.base64EncodedString()
        else { return nil }
        return String(text[text.index(after: newline)...])
    }

    /// Keeps the tool's answer, with the entries it was for (checked when read).
    func keep(linkList: String, for entries: Data, toolchain: Toolchain) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? AtomicFile().write(entries.base64EncodedString() + "\n" + linkList, to: linkListFile(entries, toolchain))
    }

    private func linkListFile(_ entries: Data, _ toolchain: Toolchain) -> URL {
        var hasher = StableHasher()
        hasher.combine(toolchain.fingerprint)
        hasher.combine(entries)
        return directory.appendingPathComponent("autolink-" + hasher.hexDigest)
    }

    private enum Answer {
        case jobs(CompileJobs)
        case unusable
    }

    /// What the driver says it would run for the stand-ins, in a scratch folder; nil when
    /// it fails.
    private static func ask(_ compiler: Compiler, _ kind: CompileJobs.Kind, standIns: [String], threads: Int) -> Answer?
    {
        guard let scratch = try? ScratchFolders.make() else { return nil }
        defer { ScratchFolders.remove(scratch) }
        guard
            let result = try? compiler.runner.run(
                compiler.toolchain.swiftc,
                ["-###"] + arguments(compiler, kind, standIns, threads: threads, scratch: scratch),
                environment: nil, directory: scratch),
            result.status == 0, !result.signaled
        else { return nil }
        let output = String(decoding: result.stdout, as: UTF8.self)
        let jobs = CompileJobs(driverOutput: output, kind: kind, standIns: standIns, directory: scratch) {
            FileManager.default.contents(atPath: $0.path)
        }
        // The driver leaves its temporary folder behind, with the map it wrote, if any.
        if let folder = CompileJobs.temporaryFolder(inDriverOutput: output), folder.path.count > 1 {
            try? FileManager.default.removeItem(at: folder)
        }
        return jobs.map(Answer.jobs) ?? .unusable
    }
}

/// What a compiled object asks the linker for: the bytes of its `.swift1_autolink_entries`
/// sections, which `swift-autolink-extract` turns into the link's list of libraries.
///
/// The tool is the frontend's binary, and starting it was 14 ms of a cold compile. Its
/// answer depends only on these bytes, which are the same for every program that imports
/// the same modules, so nbrun keeps its answer by them (``CompileJobsCache``) and runs it
/// only for bytes it hasn't seen.
enum AutolinkEntries {
    static let sectionName = Array(".swift1_autolink_entries".utf8)

    /// The objects and the list file of a job that is `swift-autolink-extract OBJECT... -o LIST`.
    static func files(ofJob job: [String], in directory: URL) -> (objects: [URL], list: URL)? {
        guard job.count >= 4, URL(fileURLWithPath: job[0]).lastPathComponent == "swift-autolink-extract",
            job[job.count - 2] == "-o", !job[1..<job.count - 2].contains(where: { $0.hasPrefix("-") })
        else { return nil }
        return (
            job[1..<job.count - 2].map { URL(fileURLWithPath: $0, relativeTo: directory) },
            URL(fileURLWithPath: job[job.count - 1], relativeTo: directory)
        )
    }

    /// The objects' entries, one after another, as the tool reads them; nil if one can't be read.
    static func bytes(inObjects urls: [URL]) -> Data? {
        var all = Data()
        for url in urls {
            guard let bytes = bytes(inObject: url) else { return nil }
            all.append(bytes)
        }
        return all
    }

    /// The sections' bytes, in order, from a 64-bit little-endian ELF object; nil for
    /// anything else (the tool is run then).
    static func bytes(inObject url: URL) -> Data? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return bytes(inObject: data)
    }

    static func bytes(inObject data: Data) -> Data? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Data? in
            func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T? {
                guard offset >= 0, offset + MemoryLayout<T>.size <= raw.count else { return nil }
                return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
            }
            // The ELF header: magic, 64-bit, little-endian, and where the section headers are.
            guard raw.count >= 64, raw[0] == 0x7F, raw[1] == 0x45, raw[2] == 0x4C, raw[3] == 0x46,
                raw[4] == 2, raw[5] == 1,
                let tableOffset = integer(0x28, UInt64.self).flatMap({ Int(exactly: $0) }),
                let entrySize = integer(0x3A, UInt16.self).map(Int.init), entrySize >= 64,
                let count = integer(0x3C, UInt16.self).map(Int.init),
                let namesIndex = integer(0x3E, UInt16.self).map(Int.init),
                count > 0, namesIndex < count  // not the extended numbering of 65,280 sections or more
            else { return nil }
            func section(_ index: Int) -> (name: Int, offset: Int, size: Int)? {
                let header = tableOffset + index * entrySize
                guard let name = integer(header, UInt32.self), let type = integer(header + 4, UInt32.self),
                    let offset = integer(header + 24, UInt64.self).flatMap({ Int(exactly: $0) }),
                    let size = integer(header + 32, UInt64.self).flatMap({ Int(exactly: $0) }),
                    offset <= raw.count, size <= raw.count - offset
                else { return nil }
                return (Int(name), offset, type == 8 ? 0 : size)  // SHT_NOBITS holds no bytes
            }
            guard let names = section(namesIndex) else { return nil }
            var found = Data()
            for index in 0..<count {
                guard let entry = section(index) else { return nil }
                let start = names.offset + entry.name
                let end = start + sectionName.count
                guard end < names.offset + names.size else { continue }
                if raw[end] == 0, raw[start..<end].elementsEqual(sectionName) {
                    found.append(contentsOf: raw[entry.offset..<entry.offset + entry.size])
                }
            }
            return found
        }
    }
}
