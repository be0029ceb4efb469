import Foundation

/// The contract between nbrun (the runner) and a notebook's program (the runtime).
///
/// This file is the only place it is written down: nbrun compiles it as part of
/// NBRuntime into every notebook program, and imports the same NBRuntime module to
/// read what the program wrote. Notebook authors don't see it (`@_spi(Runner)`).
///
/// - The runner sets ``markerVariable`` and ``eventsVariable`` in the program's
///   environment.
/// - When a cell begins, the program writes the marker and the cell's index on a line
///   of its own to stdout and to stderr, so the runner can cut both streams per cell.
/// - The program appends one JSON ``RunnerEvent`` per line to the events file and
///   flushes it after each line, so that a program that traps has written everything
///   up to the trap.
@_spi(Runner) public enum RunnerProtocol {
    /// The environment variable holding the marker that starts a cell's output.
    public static let markerVariable = "NBRUN_MARK"
    /// The environment variable holding the path of the events file.
    public static let eventsVariable = "NBRUN_EVENTS"

    // MARK: Checkpoints (`nbrun preview`)

    /// The folder in which the program keeps checkpoints: after a cell that ended at least
    /// ``checkpointSpacingVariable`` seconds after the last checkpoint (or the start), the
    /// program forks, and the child waits, as it is, on a Unix socket in this folder named
    /// by ``checkpointSocket(cell:pid:)``. No checkpoints without it.
    public static let checkpointsVariable = "NBRUN_CHECKPOINTS"
    /// The process (nbrun) whose end ends every checkpoint.
    public static let checkpointOwnerVariable = "NBRUN_CHECKPOINT_OWNER"
    /// Seconds of running between two checkpoints (default ``defaultCheckpointSpacing``).
    public static let checkpointSpacingVariable = "NBRUN_CHECKPOINT_SPACING"
    public static let defaultCheckpointSpacing = 0.1

    /// Makes the program a client of a checkpoint instead of running its cells: it connects
    /// to the socket this names and sends a ``ResumeRequest``; the checkpoint forks, the
    /// fork takes over the client's stdout and stderr, loads ``patchVariable``'s library and
    /// calls its ``patchEntry``, and the client ends as the fork ended.
    public static let resumeVariable = "NBRUN_RESUME"
    /// The shared library with the cells to run from a checkpoint on.
    public static let patchVariable = "NBRUN_PATCH"
    /// The C name of the function a patch library runs its cells with.
    public static let patchEntry = "nbrun_patch_main"
    /// A JSON ``ExecutionCacheRequest``: where the cells marked `cache=true` look for their
    /// saved values, and each one's key. Without it such cells run as any other.
    public static let executionCacheVariable = "NBRUN_EXECUTION_CACHE"

    /// The socket of the checkpoint kept after cell `cell` by process `pid`.
    public static func checkpointSocket(cell: Int, pid: Int32) -> String {
        "after-\(cell)-\(pid).sock"
    }

    /// The cell and process a checkpoint socket's name stands for.
    public static func checkpoint(socket name: String) -> (cell: Int, pid: Int32)? {
        let parts = name.split(separator: "-")
        guard parts.count == 3, parts[0] == "after", parts[2].hasSuffix(".sock"),
            let cell = Int(parts[1]), let pid = Int32(parts[2].dropLast(5))
        else { return nil }
        return (cell, pid)
    }

    /// The line that starts cell `index`'s output on stdout and stderr.
    public static func markerLine(_ marker: String, cell index: Int) -> String {
        "\(marker) \(index)\n"
    }

    /// The encoder both sides agree on: JSON has no nan or inf, so they are strings.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

/// One line of the events file.
@_spi(Runner) public enum RunnerEvent: Codable, Equatable, Sendable {
    /// Cell `cell` begins.
    case begin(cell: Int)
    /// A cell bound or changed a named tensor (or a Double, as a 0-d tensor).
    case tensor(cell: Int, TensorRecord)
    /// Cell `cell` ran to its end.
    case end(cell: Int)
    /// A cell finished a figure (at `plt.show()`, or when the cell ended).
    case figure(cell: Int, Figure)
    /// A cell marked `expect=error` ran in a child process, which ended this way.
    case expectedError(cell: Int, outcome: ChildOutcome)
    /// `nbrun inspect`: execution reached the instrumented line, and these values were in scope.
    case inspect(cell: Int, InspectionRecord)
    /// The program ran every cell it holds.
    case finish
    /// A `cache=true` cell found its entry under `key` and restored its values instead of running.
    case cacheRestored(cell: Int, key: String)
    /// A `cache=true` cell ran and left its values under `key` in the request's stage folder.
    case cacheStaged(cell: Int, key: String)
    /// A `cache=true` cell ran and can't be cached, for `reason` (a sentence without location).
    case cacheRefused(cell: Int, reason: String)

    /// How the child process that ran an `expect=error` cell ended.
    public enum ChildOutcome: String, Codable, Equatable, Sendable {
        /// It trapped, or exited with a failure: the error the cell expects.
        case failed
        /// It ran to the end: the cell did not fail as it should.
        case ran
    }
}

/// A named tensor as a cell left it.
///
/// `values` travel as one base64 string of their little-endian float64 bytes, not as a
/// JSON array: exact (nan, infinities and -0.0 included), and cheap for the big tensors
/// of a lesson (a 300 × 100 hidden layer is 30,000 numbers, which `JSONEncoder` and
/// `JSONDecoder` took most of the capture's time to write and read one by one).
@_spi(Runner) public struct TensorRecord: Codable, Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    /// Row-major values.
    public var values: [Double]
    /// numpy's `str()` of the tensor, under the print options in effect when it was bound:
    /// summarised with `...` above their threshold, as `print` would show it.
    public var text: String
    /// numpy's name for its type: `float64`, `int64` or `bool`.
    public var dtype: String
    /// The print options `text` was written with, so that the runner can write all of
    /// the values the same way (``Tensor/text(options:)`` with no threshold).
    public var options: PrintOptions

    public init(
        name: String, shape: [Int], values: [Double], text: String, dtype: String = "float64",
        options: PrintOptions = PrintOptions()
    ) {
        self.name = name
        self.shape = shape
        self.values = values
        self.text = text
        self.dtype = dtype
        self.options = options
    }

    private enum CodingKeys: String, CodingKey {
        case name, shape, values, text, dtype, options
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        shape = try container.decode([Int].self, forKey: .shape)
        text = try container.decode(String.self, forKey: .text)
        dtype = try container.decode(String.self, forKey: .dtype)
        options = try container.decode(PrintOptions.self, forKey: .options)
        let encoded = try container.decode(String.self, forKey: .values)
        guard let bytes = Data(base64Encoded: encoded), bytes.count % 8 == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "values are not base64 float64 bytes")
        }
        values = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Double] in
            (0..<(raw.count / 8)).map { (index: Int) -> Double in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(shape, forKey: .shape)
        try container.encode(text, forKey: .text)
        try container.encode(dtype, forKey: .dtype)
        try container.encode(options, forKey: .options)
        var bytes = Data(count: values.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        try container.encode(bytes.base64EncodedString(), forKey: .values)
    }
}

/// The values in scope at an instrumented notebook line, the `hit`-th time execution reached it.
@_spi(Runner) public struct InspectionRecord: Codable, Equatable, Sendable {
    public var line: Int
    public var hit: Int
    public var values: [Value]

    public struct Value: Codable, Equatable, Sendable {
        public var name: String
        /// As numpy prints it, for a tensor or a number; Swift's description otherwise.
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    public init(line: Int, hit: Int, values: [Value]) {
        self.line = line
        self.hit = hit
        self.values = values
    }
}

/// What a client asks of a checkpoint: one line of JSON.
@_spi(Runner) public struct ResumeRequest: Codable, Equatable, Sendable {
    /// The client's process id: the fork joins its process group and takes its stdout and stderr.
    public var client: Int32
    /// The shared library to load and run (``RunnerProtocol/patchEntry``).
    public var library: String
    /// The run's events file and marker (the client's ``RunnerProtocol/eventsVariable`` and
    /// ``RunnerProtocol/markerVariable``).
    public var events: String?
    public var marker: String?

    public init(client: Int32, library: String, events: String?, marker: String?) {
        self.client = client
        self.library = library
        self.events = events
        self.marker = marker
    }
}

/// How the fork that ran a patch ended (a `waitpid` status), sent back as one line of JSON.
@_spi(Runner) public struct ResumeReply: Codable, Equatable, Sendable {
    public var status: Int32

    public init(status: Int32) {
        self.status = status
    }
}

/// What nbrun tells a program about its execution cache (``RunnerProtocol/executionCacheVariable``).
///
/// An entry is the folder `folder/KEY/`: `values.json` (a ``SavedCell``, written by the
/// program) and `outputs.json` (what the cell printed, written by nbrun). The program
/// restores a cell only when both are there, and writes a cell it ran to `stage/KEY.json`;
/// nbrun moves it into the cache only if the cell's run was a success.
@_spi(Runner) public struct ExecutionCacheRequest: Codable, Equatable, Sendable {
    public var folder: String
    public var stage: String
    /// Per cell marked `cache=true`, the part of its key nbrun knows: the compiler, the
    /// runtime and the code of the cell and of every cell before it.
    public var keys: [Int: String]

    public init(folder: String, stage: String, keys: [Int: String]) {
        self.folder = folder
        self.stage = stage
        self.keys = keys
    }

    /// The file of saved values in an entry.
    public static let valuesFile = "values.json"
    /// The file of outputs in an entry.
    public static let outputsFile = "outputs.json"
}
