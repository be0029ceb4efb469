import Foundation

@testable import NBRunKit

/// Runs the built `nbrun` executable, as a user would.
struct CommandResult {
    var stdout: String
    var stderr: String
    var status: Int32
}

func nbrun(
    _ arguments: String..., in directory: URL? = nil,
    environment: [String: String] = [:]
) throws -> CommandResult {
    try nbrun(arguments, in: directory, environment: environment)
}

func nbrun(
    _ arguments: [String], in directory: URL? = nil,
    environment: [String: String] = [:]
) throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    // Never the user's own cache: one private to the tests, unless a test names its own.
    env["XDG_CACHE_HOME"] = testCache
    env.merge(environment) { $1 }
    let output = try SystemProcessRunner().run(
        Fixture.productsDirectory.appendingPathComponent("nbrun"), arguments,
        environment: env, directory: directory)
    return CommandResult(
        stdout: String(decoding: output.stdout, as: UTF8.self),
        stderr: String(decoding: output.stderr, as: UTF8.self),
        status: output.status)
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nbrun-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The nbrun cache the end-to-end tests share, outside the user's `~/.cache`.
/// (The same folder as the preview's and the PDF tests', so the runtime is built once.)
let testCache = Fixture.packageRoot.appendingPathComponent(".build/nbrun-test-cache").path
