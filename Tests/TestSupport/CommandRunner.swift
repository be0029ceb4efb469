import Foundation
import NBRunKit

/// What the built `nbrun` printed and how it exited.
public struct CommandResult: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: Int32

    public init(stdout: String, stderr: String, status: Int32) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }

    /// Everything nbrun said, on both streams.
    public var messages: String { stderr + stdout }
}

/// Runs the built `nbrun` executable, as a user would: in `directory`, with the test cache
/// (``testCache``) and `environment` on top of this process's environment.
public func nbrun(
    _ arguments: String..., in directory: URL? = nil,
    environment: [String: String] = [:]
) throws -> CommandResult {
    try nbrun(arguments, in: directory, environment: environment)
}

/// `nbrun(...)` with the arguments in an array.
public func nbrun(
    _ arguments: [String], in directory: URL? = nil,
    environment: [String: String] = [:]
) throws -> CommandResult {
    let output = try SystemProcessRunner().run(
        nbrunExecutable, arguments, environment: nbrunEnvironment(environment), directory: directory,
        deadline: Date().addingTimeInterval(nbrunDeadline))
    let stderr = String(decoding: output.stderr, as: UTF8.self)
    return CommandResult(
        stdout: String(decoding: output.stdout, as: UTF8.self),
        stderr: output.timedOut
            ? stderr + "\n[the test killed nbrun: still running after \(Int(nbrunDeadline)) s]\n" : stderr,
        status: output.status)
}

/// How long a test lets `nbrun` run before it kills it (a first run may compile the
/// runtime library, minutes on a loaded machine): a hang fails its test, never the run.
public let nbrunDeadline: TimeInterval = 900

/// The built `nbrun`, beside the test bundle.
public var nbrunExecutable: URL { Fixture.productsDirectory.appendingPathComponent("nbrun") }

/// The environment a test runs `nbrun` in: this process's, never with the user's own cache
/// (``testCache`` unless `extra` names another) and never with GitHub Actions' annotations
/// unless `extra` asks for them; then `extra`.
public func nbrunEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = testCache
    environment.removeValue(forKey: "GITHUB_ACTIONS")
    return environment.merging(extra) { $1 }
}

/// A fresh temporary folder, removed by the caller.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nbrun-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The nbrun cache the tests share, outside the user's `~/.cache`: the end-to-end tests,
/// the preview's and the PDF tests' use the same folder, so the runtime is built once.
public let testCache = Fixture.packageRoot.appendingPathComponent(".build/nbrun-test-cache").path

/// The runtime library `swift build` compiled for the built `nbrun` (the EmbedResources
/// plugin's output, under the build folder's `plugins/outputs`), or nil if it didn't.
/// nbrun's own build hands it to nbrun; a test that makes a `Workbench` in its own process
/// hands it on with ``testRunSettings()``, or that process compiles its own (`-O`, over
/// 100 s of CPU) whenever it is the first to reach the shared cache.
public let prebuiltRuntime: String? = {
    let outputs = Fixture.productsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("plugins/outputs")
    let packages = (try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? []
    return packages.sorted().map {
        outputs.appendingPathComponent("\($0)/nbrun/destination/EmbedResourcesPlugin/runtime").path
    }
    .first { FileManager.default.fileExists(atPath: $0 + "/nbrun-runtime.stamp") }
}()

/// The settings of a `Workbench` made in a test's own process: the shared test cache
/// (``testCache``), and the runtime library `swift build` compiled (``prebuiltRuntime``).
public func testRunSettings() -> RunSettings {
    RunSettings(
        prebuiltRuntime: prebuiltRuntime,
        cacheDirectory: URL(fileURLWithPath: testCache).appendingPathComponent("nbrun"))
}
