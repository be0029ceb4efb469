// `@preconcurrency`: C's `stdout` and `stderr` are mutable globals, which Swift 6 checks;
// the runtime only flushes them and sets their buffering, from the program's one thread.
@preconcurrency import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// The bridge between a program that nbrun generated from a notebook and the
/// nbrun runner that reads its results (see `RunnerProtocol`, the runner's side of the contract).
///
/// Generated code runs each cell between ``begin(cell:timeout:)`` and
/// ``end(cell:next:timeout:_:)``, through ``run(_:)`` for a cell in a function of its own,
/// and hands over the cell's top-level bindings (``bindings(_:)``, or `end`'s own); it wraps each
/// top-level binding's value in ``bind(_:_:)``, so that the tensors a cell bound before
/// it trapped are known; and it runs a cell marked `expect=error` through
/// ``expectError(cell:timeout:_:)``.
///
/// Outside nbrun (no events file in the environment) the session writes no events,
/// so a generated program also runs on its own.
public final class NotebookSession: @unchecked Sendable {
    // @unchecked: a notebook program is single-threaded and owns its session.
    let state: NetworkState
    /// The cells marked `cache=true`: what they restore and what they leave.
    let executionCache: ExecutionCache
    private var marker: String?
    private var events: UnsafeMutablePointer<FILE>?
    private let encoder = RunnerProtocol.encoder()
    /// What this cell already reported, by name, so an unchanged value isn't sent twice.
    private var reported: [String: Tensor] = [:]
    /// The bindings a cell's function handed over (``bindings(_:)``), until its end.
    private var pendingBindings: [(String, Any)] = []
    /// How many times execution reached each instrumented line (`nbrun inspect`).
    private var inspectionHits: [Int: Int] = [:]

    public init(state: NetworkState, environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if canImport(Glibc)
            // A client of a checkpoint runs no cells of its own.
            if let socket = environment[RunnerProtocol.resumeVariable] {
                Checkpoints.resume(at: socket, environment: environment)
            }
        #endif
        Checkpoints.configure(environment)
        self.state = state
        executionCache = ExecutionCache(environment: environment)
        self.marker = environment[RunnerProtocol.markerVariable]
        self.events = environment[RunnerProtocol.eventsVariable].flatMap { fopen($0, "w") }
        // Unbuffered stdout, so that a cell that traps keeps everything it printed.
        setvbuf(stdout, nil, _IONBF, 0)
        plt.afterShow = { [weak self] in self?.sendFigures() }
    }

    /// Marks the start of cell `index`; a `timeout` (seconds) ends the program with
    /// SIGALRM if the cell runs longer.
    public func begin(cell index: Int, timeout: Double? = nil) {
        state.currentCell = index
        reported = [:]
        alarm(Self.alarmSeconds(timeout))
        if let marker {
            let line = RunnerProtocol.markerLine(marker, cell: index)
            fputs(line, stdout)
            fputs(line, stderr)
        }
        write(.begin(cell: index))
    }

    /// Runs cells whose code is in functions of their own, in order, each between
    /// ``begin(cell:timeout:)`` and ``end(cell:next:timeout:_:)``. A generated program's
    /// `main.swift` lists the cells here: a statement per cell there, and the two calls in
    /// every cell's function, cost the compiler 17% of a 500-cell program.
    public func run(_ cells: [(Int, () -> Void)]) {
        for (index, body) in cells {
            begin(cell: index)
            body()
            end(cell: index)
        }
    }

    /// Runs one cell whose code is in a function of its own, with a `timeout` (seconds).
    public func run(cell index: Int, timeout: Double?, _ body: () -> Void) {
        begin(cell: index, timeout: timeout)
        body()
        end(cell: index)
    }

    /// The bindings of a cell run by ``run(_:)``, as its function ends: reported when the
    /// cell ends, as ``end(cell:next:timeout:_:)`` reports its own.
    public func bindings(_ values: (String, Any)...) {
        pendingBindings = values
    }

    /// Returns `value`, and reports it at once when it is a `Tensor` or a `Double`,
    /// under the name the notebook's author gave it.
    ///
    /// Generated code wraps every top-level binding's initial value in this call, so
    /// a cell that traps half-way still shows what it had bound.
    public func bind<Value>(_ name: String, _ value: Value) -> Value {
        report(name, value)
        return value
    }

    /// Marks the end of cell `index`, records the cell's top-level `Tensor` and `Double`
    /// bindings under their own names (others are ignored), and reports the tensors the
    /// cell added or changed; then begins cell `next`, if given, with its `timeout`.
    public func end(cell index: Int, next: Int? = nil, timeout: Double? = nil, _ bindings: (String, Any)...) {
        alarm(0)
        plt.endCell()  // as Jupyter's inline backend: a cell's figures are shown when it ends
        sendFigures()
        for (name, value) in pendingBindings + bindings { report(name, value) }
        pendingBindings = []
        // What the cell changed through `net` itself.
        for change in state.changes(in: index)
        where reported[change.name].map({
            !$0.isBitwiseIdentical(to: change.value)
        }) ?? true {
            send(change.name, change.value)
        }
        write(.end(cell: index))
        Checkpoints.afterCell(index, session: self)
        if let next { begin(cell: next, timeout: timeout) }
    }

    /// Runs `body`, the code of a cell that should fail, in a child process, and
    /// reports whether it failed; the program goes on either way.
    ///
    /// The child inherits the state, stdout, stderr and the events file. What it
    /// declares stays in the closure: no later cell can use it.
    public func expectError(cell index: Int, timeout: Double? = nil, _ body: () throws -> Void) {
        fflush(stdout)
        fflush(stderr)
        if let events { fflush(events) }
        let child = fork()
        if child == 0 {
            alarm(Self.alarmSeconds(timeout))  // alarms are not inherited through fork
            do {
                try body()
            } catch {
                fatalError("Error raised at top level: \(String(reflecting: error))")
            }
            plt.endCell()
            sendFigures()
            fflush(stdout)
            if let events { fflush(events) }
            _exit(0)
        }
        var status: Int32 = 0
        if child > 0 {
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        }
        // A child that could not be started counts as one that failed, with a message.
        if child < 0 { fputs("nbrun: could not fork to run this cell: \(String(cString: strerror(errno)))\n", stderr) }
        let ran = child > 0 && status & 0x7f == 0 && (status >> 8) & 0xff == 0
        write(.expectedError(cell: index, outcome: ran ? .ran : .failed))
    }

    /// `nbrun inspect`: records the values in scope at notebook line `line`, the first
    /// `limit` times execution reaches it (later times cost one count).
    public func inspect(line: Int, limit: Int, _ values: (String, Any)...) {
        let hit = (inspectionHits[line] ?? 0) + 1
        inspectionHits[line] = hit
        guard hit <= limit else { return }
        let shown = values.map { InspectionRecord.Value(name: $0.0, text: Self.inspectionText($0.1)) }
        write(.inspect(cell: state.currentCell, InspectionRecord(line: line, hit: hit, values: shown)))
    }

    /// A tensor or a number as numpy prints it, a string quoted, anything else as Swift describes it.
    static func inspectionText(_ value: Any) -> String {
        if let tensor = value as? Tensor { return tensor.description }
        if let number = value as? Double { return Tensor(number).description }
        if let text = value as? String { return String(reflecting: text) }
        return String(describing: value)
    }

    /// Marks the normal end of the program.
    public func finish() {
        write(.finish)
        if let events { fclose(events) }
    }

    /// Flushes stdout, stderr and the events file, before the process forks.
    func flush() {
        fflush(stdout)
        fflush(stderr)
        if let events { fflush(events) }
    }

    /// Writes events to the file at `path` and starts cells' output with `marker` from
    /// now on (nil for neither): how a checkpoint leaves a run, and how its fork joins another.
    func redirect(events path: String?, marker: String?) {
        if let events { fclose(events) }
        events = path.flatMap { fopen($0, "w") }
        self.marker = marker
    }

    // MARK: - Events

    private func report(_ name: String, _ value: Any) {
        let tensor: Tensor
        if let value = value as? Tensor {
            tensor = value
        } else if let number = value as? Double {
            tensor = Tensor(number)
        } else {
            return
        }
        // Only what is new or changed: a cell that merely mentions `w` doesn't show it again.
        if state.record(name, tensor) { send(name, tensor) }
    }

    private func send(_ name: String, _ tensor: Tensor) {
        reported[name] = tensor
        write(
            .tensor(
                cell: state.currentCell,
                TensorRecord(
                    name: name, shape: Array(tensor.shape), values: tensor.scalars, text: tensor.description,
                    dtype: tensor.dtype.description, options: .current)))
    }

    private func sendFigures() {
        for figure in plt.takeFigures() { write(.figure(cell: state.currentCell, figure)) }
    }

    func write(_ event: RunnerEvent) {
        guard let events, let data = try? encoder.encode(event) else { return }
        var line = data
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, events) }
        fflush(events)
    }

    private static func alarmSeconds(_ timeout: Double?) -> UInt32 {
        timeout.map { UInt32(min($0.rounded(.up), Double(UInt32.max))) } ?? 0
    }
}
