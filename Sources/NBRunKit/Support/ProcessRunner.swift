import Foundation

/// What a finished child process left behind.
public struct ProcessOutput: Sendable, Equatable {
    public var status: Int32
    /// True when the process was ended by a signal; `status` is then the signal number.
    public var signaled: Bool
    public var stdout: Data
    public var stderr: Data
    /// True when the deadline passed and the process group was killed.
    public var timedOut = false
    /// True when the process printed more than the runner keeps and was killed.
    public var outputLimitReached = false
}

/// Starts child processes. Injected wherever nbrun runs one, so tests can replace it.
public protocol ProcessRunning: Sendable {
    /// Runs `executable` with `arguments` (never through a shell), stdin empty, in a
    /// process group of its own that is killed when `deadline` passes.
    func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]?,
        directory: URL?, deadline: Date?
    ) throws -> ProcessOutput

    /// Runs `executable` as above, handing its output to `stream` as it arrives rather than
    /// keeping it (the returned output's stdout and stderr are empty).
    func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]?,
        directory: URL?, deadline: Date?, streaming stream: OutputStreaming
    ) throws -> ProcessOutput
}

/// Takes a child's output as it arrives: the descriptor (1 stdout, 2 stderr) and the bytes.
public typealias OutputStreaming = (_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Void

extension ProcessRunning {
    /// The default runs the process to its end first; ``SystemProcessRunner`` streams.
    public func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]?,
        directory: URL?, deadline: Date?, streaming stream: OutputStreaming
    ) throws -> ProcessOutput {
        var output = try run(executable, arguments, environment: environment, directory: directory, deadline: deadline)
        output.stdout.withUnsafeBytes { stream(1, $0) }
        output.stderr.withUnsafeBytes { stream(2, $0) }
        output.stdout = Data()
        output.stderr = Data()
        return output
    }

    public func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]?,
        directory: URL?
    ) throws -> ProcessOutput {
        try run(executable, arguments, environment: environment, directory: directory, deadline: nil)
    }
}

/// Runs processes in process groups of their own that die with nbrun; see ``Subprocess``.
public struct SystemProcessRunner: ProcessRunning {
    public init() {}

    public func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]?,
        directory: URL?, deadline: Date?
    ) throws -> ProcessOutput {
        let output = try Subprocess(
            executable: executable, arguments: arguments, environment: environment,
            directory: directory, deadline: deadline, sweepsDescendants: true
        ).run()
        return ProcessOutput(
            status: output.status, signaled: output.signaled, stdout: output.stdout,
            stderr: output.stderr, timedOut: output.timedOut,
            outputLimitReached: output.outputLimitReached)
    }

    public func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]?,
        directory: URL?, deadline: Date?, streaming stream: OutputStreaming
    ) throws -> ProcessOutput {
        let output = try withoutActuallyEscaping(stream) { stream in
            var process = Subprocess(
                executable: executable, arguments: arguments, environment: environment,
                directory: directory, deadline: deadline, sweepsDescendants: true)
            process.stream = stream
            return try process.run()
        }
        return ProcessOutput(
            status: output.status, signaled: output.signaled, stdout: Data(), stderr: Data(),
            timedOut: output.timedOut, outputLimitReached: output.outputLimitReached)
    }

    /// Kills every child still running, for when nbrun itself is interrupted.
    public static func killRunningChildren() {
        Subprocess.killAll()
    }
}
