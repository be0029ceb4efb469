import Foundation

// Usage:
//   EmbedResources OUTPUT.swift NAME PATH [NAME PATH ...]
//   EmbedResources --runtime OUTPUT.swift FOLDER NAME PATH [NAME PATH ...]
//
// The first form writes a Swift file declaring `EmbeddedResources.files`, a dictionary
// from each NAME to the text of the file at PATH, as raw string literals, and
// `EmbeddedResources.runtimeDigest`, a hash of the runtime's files (names starting with
// `runtime`), so nbrun knows which runtime library it needs without hashing them each run.
//
// The second form compiles the runtime library into FOLDER, as nbrun would compile it into
// its cache (see RuntimeBuild.swift), and writes a Swift file telling nbrun where it is.

var arguments = Array(CommandLine.arguments.dropFirst())
let buildsRuntime = arguments.first == "--runtime"
if buildsRuntime { arguments.removeFirst() }
guard let outputPath = arguments.first, arguments.count % 2 == (buildsRuntime ? 0 : 1) else {
    fail("usage: EmbedResources [--runtime] OUTPUT [FOLDER] NAME PATH ...", status: 64)
}
let pairsStart = buildsRuntime ? 2 : 1
var files: [(name: String, text: String)] = []
for pair in stride(from: pairsStart, to: arguments.count, by: 2) {
    let path = arguments[pair + 1]
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("can't read \(path)") }
    files.append((arguments[pair], text))
}
let source =
    buildsRuntime
    ? RuntimeBuild(files: files, folder: URL(fileURLWithPath: arguments[1])).run()
    : embeddingSource(files)
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    fail("\(error)")
}
