// `@preconcurrency`: C's `stdout` and `stderr` are mutable globals, which Swift 6 checks;
// the runtime only flushes them, from the program's one thread.
@preconcurrency import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Copy-on-write checkpoints of a running notebook program, for `nbrun preview`
/// (the contract is in `RunnerProtocol`).
///
/// After a cell, the program forks; the child leaves the run (its own process group,
/// stdin, stdout and stderr on `/dev/null`) and waits on a Unix socket, holding the state
/// the cells before it left: every global, the random stream, `net`, open files. A client
/// started with ``RunnerProtocol/resumeVariable`` asks it to run a patch: the checkpoint
/// forks again, and that fork takes over the client's output, loads the patch (the cells
/// from the checkpoint on, compiled against the same earlier cells) and runs it. The
/// checkpoint itself stays as it was, for the next edit. It ends when its owner (nbrun)
/// does, or when nbrun kills it.
///
/// Linux only: `/proc/PID/fd` gives the fork the client's pipes.
enum Checkpoints {
    /// Set from the environment when the program starts; nil without checkpoints.
    struct Settings {
        var folder: String
        var owner: pid_t
        var spacing: Double
    }

    /// Checkpoints of this process, and when the last one was taken. Only the program's one
    /// thread touches them.
    nonisolated(unsafe) private static var settings: Settings?
    nonisolated(unsafe) private static var lastTaken = Date()

    static func configure(_ environment: [String: String]) {
        guard let folder = environment[RunnerProtocol.checkpointsVariable],
            let owner = environment[RunnerProtocol.checkpointOwnerVariable].flatMap({ pid_t($0) })
        else { return }
        let spacing =
            environment[RunnerProtocol.checkpointSpacingVariable].flatMap(Double.init)
            ?? RunnerProtocol.defaultCheckpointSpacing
        settings = Settings(folder: folder, owner: owner, spacing: spacing)
        lastTaken = Date()
    }

    /// Keeps a checkpoint after cell `cell` if the cells since the last one ran long enough.
    static func afterCell(_ cell: Int, session: NotebookSession) {
        #if canImport(Glibc)
            guard let settings, Date().timeIntervalSince(lastTaken) >= settings.spacing else { return }
            session.flush()
            var ready: [Int32] = [0, 0]
            guard pipe(&ready) == 0 else { return }
            let child = fork()
            if child == 0 {
                close(ready[0])
                serve(after: cell, settings: settings, session: session, ready: ready[1])
            }
            close(ready[1])
            // Wait until the child has left the run's process group and listens, so that
            // neither the end of the run nor a client can miss it.
            var byte: UInt8 = 0
            if child > 0 { while read(ready[0], &byte, 1) < 0 && errno == EINTR {} }
            close(ready[0])
            lastTaken = Date()
        #endif
    }

    #if canImport(Glibc)
        // MARK: - The checkpoint

        private static func serve(after cell: Int, settings: Settings, session: NotebookSession, ready: Int32)
            -> Never
        {
            setpgid(0, 0)
            leaveSweep()
            let null = open("/dev/null", O_RDWR)
            for descriptor in [Int32(0), 1, 2] { dup2(null, descriptor) }
            close(null)
            session.redirect(events: nil, marker: nil)
            let pipeHandler = signal(SIGPIPE, SIG_IGN)  // a client that went away mustn't end the checkpoint
            let path = settings.folder + "/" + RunnerProtocol.checkpointSocket(cell: cell, pid: getpid())
            let server = Socket.listen(at: path)
            _ = write(ready, "x", 1)
            close(ready)
            guard let server else { _exit(0) }
            defer { unlink(path) }
            while true {
                var poller = pollfd(fd: server, events: Int16(POLLIN), revents: 0)
                let count = poll(&poller, 1, 1000)
                if count == 0 || (count < 0 && errno == EINTR) {
                    if ended(settings.owner) {
                        unlink(path)
                        _exit(0)
                    }
                    continue
                }
                let connection = accept(server, nil, nil)
                guard connection >= 0 else { continue }
                guard let line = Socket.readLine(connection),
                    let request = try? RunnerProtocol.decoder().decode(ResumeRequest.self, from: Data(line.utf8))
                else {
                    close(connection)
                    continue
                }
                let child = fork()
                if child == 0 {
                    close(server)
                    close(connection)
                    signal(SIGPIPE, pipeHandler)
                    run(request, session: session)
                }
                var status: Int32 = 0
                if child > 0 {
                    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                } else {
                    status = 71 << 8  // couldn't fork: as if the run exited with EX_OSERR
                }
                if let reply = try? RunnerProtocol.encoder().encode(ResumeReply(status: status)) {
                    Socket.send(String(decoding: reply, as: UTF8.self) + "\n", to: connection)
                }
                close(connection)
            }
        }

        /// Whether process `pid` has ended: it is gone, or a zombie its parent hasn't reaped
        /// yet (`kill(pid, 0)` still finds those).
        private static func ended(_ pid: pid_t) -> Bool {
            let descriptor = open("/proc/\(pid)/stat", O_RDONLY)
            guard descriptor >= 0 else { return true }
            var bytes = [UInt8](repeating: 0, count: 512)
            let count = read(descriptor, &bytes, bytes.count)
            close(descriptor)
            guard count > 0, let paren = bytes[..<count].lastIndex(of: UInt8(ascii: ")")), paren + 2 < count else {
                return true
            }
            return bytes[paren + 2] == UInt8(ascii: "Z") || bytes[paren + 2] == UInt8(ascii: "X")
        }

        /// nbrun kills what a program leaves running when it ends, finding it by a mark in
        /// its environment (`NBRUN_DESCENDANT_OF=…`, as `/proc/PID/environ` shows it). A
        /// checkpoint is meant to outlive its run, so it blanks that mark's value in its own
        /// copy of the environment block; nbrun's pool still knows it by
        /// ``RunnerProtocol/checkpointsVariable`` and ends it.
        private static func leaveSweep() {
            let descriptor = open("/proc/self/stat", O_RDONLY)
            guard descriptor >= 0 else { return }
            var bytes = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &bytes, bytes.count)
            close(descriptor)
            guard count > 0 else { return }
            // The fields after the command's closing parenthesis start at field 3; the
            // environment block is fields 50 and 51.
            let text = String(decoding: bytes[..<count], as: UTF8.self)
            guard let paren = text.lastIndex(of: ")") else { return }
            let fields = text[text.index(after: paren)...].split(separator: " ")
            guard fields.count > 48, let start = UInt(fields[47]), let end = UInt(fields[48].prefix { $0.isNumber }),
                end > start, let block = UnsafeMutablePointer<UInt8>(bitPattern: start)
            else { return }
            let size = Int(end - start)
            let name = Array("NBRUN_DESCENDANT_OF=".utf8)
            var offset = 0
            while offset < size {
                var length = 0
                while offset + length < size && block[offset + length] != 0 { length += 1 }
                if length > name.count && (0..<name.count).allSatisfy({ block[offset + $0] == name[$0] }) {
                    for index in (offset + name.count)..<(offset + length) { block[index] = UInt8(ascii: "-") }
                }
                offset += length + 1
            }
        }

        /// In the fork of a checkpoint: take over the client's process group and output, and
        /// run the patch's cells.
        private static func run(_ request: ResumeRequest, session: NotebookSession) -> Never {
            setpgid(0, request.client)  // a timeout that kills the client's group kills this too
            // No checkpoints of a run that goes on from one: a later patch loaded into them
            // would bind to the executable's cells, not to this patch's.
            settings = nil
            for descriptor in [Int32(1), 2] {
                let theirs = open("/proc/\(request.client)/fd/\(descriptor)", O_WRONLY)
                if theirs >= 0 {
                    dup2(theirs, descriptor)
                    close(theirs)
                }
            }
            session.redirect(events: request.events, marker: request.marker)
            guard let library = dlopen(request.library, RTLD_NOW | RTLD_LOCAL),
                let entry = dlsym(library, RunnerProtocol.patchEntry)
            else {
                fputs("nbrun: can't load the cells to run: \(String(cString: dlerror()))\n", stderr)
                _exit(70)
            }
            typealias Entry = @convention(c) () -> Void
            unsafeBitCast(entry, to: Entry.self)()
            fflush(stdout)
            exit(0)
        }

        // MARK: - The client

        /// Asks the checkpoint at `socket` to run the patch, and ends as that run ended.
        static func resume(at socket: String, environment: [String: String]) -> Never {
            guard let library = environment[RunnerProtocol.patchVariable] else {
                fputs("nbrun: \(RunnerProtocol.resumeVariable) without \(RunnerProtocol.patchVariable)\n", stderr)
                _exit(64)
            }
            let request = ResumeRequest(
                client: getpid(), library: library, events: environment[RunnerProtocol.eventsVariable],
                marker: environment[RunnerProtocol.markerVariable])
            guard let connection = Socket.connect(to: socket),
                let data = try? RunnerProtocol.encoder().encode(request),
                Socket.send(String(decoding: data, as: UTF8.self) + "\n", to: connection),
                let line = Socket.readLine(connection),
                let reply = try? RunnerProtocol.decoder().decode(ResumeReply.self, from: Data(line.utf8))
            else {
                fputs("nbrun: the checkpoint at \(socket) did not answer\n", stderr)
                _exit(75)
            }
            let signalNumber = reply.status & 0x7f
            if signalNumber != 0 {
                // End by the same signal, without the backtracer reporting on this process.
                signal(signalNumber, SIG_DFL)
                var mask = sigset_t()
                sigemptyset(&mask)
                sigaddset(&mask, signalNumber)
                sigprocmask(SIG_UNBLOCK, &mask, nil)
                kill(getpid(), signalNumber)
            }
            _exit((reply.status >> 8) & 0xff)
        }
    #endif
}

#if canImport(Glibc)
    /// The few Unix-socket calls checkpoints need.
    private enum Socket {
        static func address(_ path: String) -> sockaddr_un? {
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                buffer.copyBytes(from: bytes)
                buffer[bytes.count] = 0
            }
            return address
        }

        static func listen(at path: String) -> Int32? {
            guard var address = address(path) else { return nil }
            let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard server >= 0 else { return nil }
            unlink(path)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0, Glibc.listen(server, 4) == 0 else {
                close(server)
                return nil
            }
            return server
        }

        static func connect(to path: String) -> Int32? {
            guard var address = address(path) else { return nil }
            let connection = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard connection >= 0 else { return nil }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(connection, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard connected == 0 else {
                close(connection)
                return nil
            }
            return connection
        }

        @discardableResult
        static func send(_ text: String, to connection: Int32) -> Bool {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let sent = bytes.withUnsafeBytes {
                    Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { return false }
                bytes = bytes.dropFirst(sent)
            }
            return true
        }

        /// Reads up to a newline (without it); nil when the peer closes first.
        static func readLine(_ connection: Int32) -> String? {
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while true {
                let count = recv(connection, &byte, 1, 0)
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { return nil }
                if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
                line.append(byte)
                if line.count > 1 << 20 { return nil }
            }
        }
    }
#endif
