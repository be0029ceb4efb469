import Foundation
import NBRunKit

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a notebook's sourcekit-lsp works in: the program's files as nbrun generated
/// them from the editor's latest text, `files.rsp` naming every one of them, and a
/// `compile_commands.json` with one command per file, each compiling all of them as one
/// module by way of the response file.
///
/// sourcekit-lsp gets as an open document only the file a request is about, and reads the
/// others from here. Opening every file made it build an AST per open document, each
/// parsing the whole program: with 2,000 cells it passed 8 GB within a minute without
/// answering a completion. Listing every file in every file's command made the JSON grow
/// with the square of the cells (290 MB for 2,000); the response file keeps it linear.
/// (BENCHMARKS.md, "completion in a 2,000-cell notebook".)
struct ProgramFolder: Sendable {
    let url: URL
    /// The modification time given to the last file written, in nanoseconds since 1970.
    private(set) var lastStamp: Int64 = 0

    init(url: URL) {
        self.url = url
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    func uri(of name: String) -> String { DocumentURI.uri(ofPath: file(name).path) }

    /// Writes every file, the response file naming them, and the compile command for each
    /// (`arguments`, then the response file).
    mutating func prepare(_ files: [(name: String, text: String)], arguments: [String]) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try write(text, to: name) }
        let responseFile = url.appendingPathComponent("files.rsp")
        try AtomicFile().write(
            files.map { Self.quoted(file($0.name).path) + "\n" }.joined(), to: responseFile)
        let command = JSONValue.array((arguments + ["@" + responseFile.path]).map(JSONValue.string))
        let commands: [[String: JSONValue]] = files.map {
            ["directory": .string(url.path), "file": .string(file($0.name).path), "arguments": command]
        }
        try JSON.encode(commands).write(to: url.appendingPathComponent("compile_commands.json"))
    }

    /// Replaces file `name`'s text, all at once, with a modification time later than any
    /// given before: sourcekitd takes a file it doesn't have open to be unchanged as long as
    /// its modification time is, and the kernel's clock for those moves only every few
    /// milliseconds, so two quick writes could otherwise look like one.
    mutating func write(_ text: String, to name: String) throws {
        let path = file(name).path
        try AtomicFile().write(text, to: file(name))
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let stamp = max(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec), lastStamp + 1)
        let time = timespec(tv_sec: Int(stamp / 1_000_000_000), tv_nsec: Int(stamp % 1_000_000_000))
        var times = [time, time]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        lastStamp = stamp
    }

    /// A path as one argument of a response file (GNU quoting, which the driver reads).
    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
