import Foundation
import SwiftParser
import Synchronization

/// What nbrun needs from one cell's code, from a single parse with swift-syntax: its
/// declarations and uses (for the plan) and its highlighted lines (for the report).
///
/// An analysis depends only on the code, so it is kept on disk under a hash of the code:
/// a rerun, or a cell that didn't change since the last save, needs no parse at all.
struct CellAnalysis: Sendable, Equatable, Codable {
    var syntax: CellSyntax
    /// How the code splits into declarations and statements.
    var shape: CellShape
    /// The code as HTML, one string per line.
    var highlighted: [String]
    /// Where a run of directly nested `[` too long for swift-syntax starts, and its length.
    var nesting: Nesting?

    struct Nesting: Sendable, Equatable, Codable {
        var offset: Int
        var depth: Int
    }

    init(source: String) {
        if let problem = NestingGuard.problem(in: source) {
            syntax = CellSyntax()
            shape = CellShape()
            highlighted = SwiftHighlighter.plainLines(of: source)
            nesting = Nesting(offset: problem.offset, depth: problem.depth)
            return
        }
        let tree = Parser.parse(source: source)
        syntax = CellSyntax(tree: tree)
        shape = CellShape(tree: tree)
        highlighted = SwiftHighlighter.lines(of: source, tree: tree)
        nesting = nil
    }
}

/// Cell analyses kept between runs, one file per distinct piece of code.
public struct SyntaxCache: Sendable {
    /// Where the files go; nil keeps nothing (every run parses).
    public var directory: URL?

    /// Part of every key: a change to what an analysis holds, or to swift-syntax, starts afresh.
    static let version = "cell analysis 6, swift-syntax 603.0.1"

    /// Analyses kept in memory as well, for a process that plans the same notebook again
    /// and again (`nbrun lsp`, at every edit); nil keeps none.
    private var memory: Memory?

    public init(directory: URL?) {
        self.directory = directory
    }

    /// A cache that keeps analyses in this process's memory only.
    public static func inMemory() -> SyntaxCache {
        var cache = SyntaxCache(directory: nil)
        cache.memory = Memory()
        return cache
    }

    func analysis(of source: String) -> CellAnalysis {
        if let memory {
            if let known = memory.entries.withLock({ $0[source] }) { return known }
            let analysis = CellAnalysis(source: source)
            memory.entries.withLock { entries in
                // Edits leave old versions of a cell behind; start afresh rather than grow forever.
                if entries.count >= Memory.limit { entries.removeAll() }
                entries[source] = analysis
            }
            return analysis
        }
        guard let directory else { return CellAnalysis(source: source) }
        var hasher = StableHasher()
        hasher.combine(Self.version)
        hasher.combine(source)
        let file = directory.appendingPathComponent(hasher.hexDigest + ".json")
        // The entry holds the code it was made from, so even a collision of hashes can't mislead.
        if let data = FileManager.default.contents(atPath: file.path),
            let cached = try? JSONDecoder().decode(Entry.self, from: data), cached.source == source
        {
            return cached.analysis
        }
        let analysis = CellAnalysis(source: source)
        if let data = try? JSONEncoder().encode(Entry(source: source, analysis: analysis)) {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? AtomicFile().write(String(decoding: data, as: UTF8.self), to: file)
        }
        return analysis
    }

    private final class Memory: Sendable {
        static let limit = 20_000
        let entries = Mutex<[String: CellAnalysis]>([:])
    }

    private struct Entry: Codable {
        var source: String
        var analysis: CellAnalysis
    }
}
