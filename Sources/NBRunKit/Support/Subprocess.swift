import CSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs one child process in a process group of its own, with a deadline and a cap
/// on how much output is kept.
///
/// The child starts from an argument list (never a shell), with stdin empty. When the
/// deadline passes or the output cap is exceeded, the whole group is killed, so
/// nothing the child started lives on. Children still running when nbrun is
/// interrupted are killed by ``Subprocess/killAll()``; on Linux a child is killed with
/// nbrun even when nbrun itself is killed (`PR_SET_PDEATHSIG`, see CSpawn).
///
/// With ``sweepsDescendants``, what the child starts in a session or group of its own
/// (Foundation's `Process` does that) is found by a variable in its environment and
/// killed too, when the child ends and on Ctrl-C.
struct Subprocess {
    var executable: URL
    var arguments: [String]
    var environment: [String: String]?
    var directory: URL?
    var deadline: Date?
    /// How many bytes of stdout plus stderr to keep before killing the child.
    var outputLimit = 256 << 20
    /// Also kill the processes that left the child's process group, when the child ends.
    var sweepsDescendants = false
    /// Given each read from stdout (1) and stderr (2) as it arrives, instead of keeping it:
    /// then ``Output`` holds no output, and ``outputLimit`` counts what was read.
    var stream: ((_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Void)?

    struct Output {
        var status: Int32
        var signaled: Bool
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
        var outputLimitReached: Bool
    }

    /// The environment variable whose value marks a child's descendants for the sweep. A
    /// checkpoint of `nbrun preview` (NBRuntime's `Checkpoints`) blanks it in its own
    /// environment block, since it is meant to outlive its run; the pool ends it.
    static let descendantVariable = "NBRUN_DESCENDANT_OF"

    func run() throws -> Output {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        // Close-on-exec, so no other child nbrun starts meanwhile holds these pipes open.
        guard nbrun_pipe_cloexec(&outPipe) == 0 else { throw SubprocessError.spawn(errno) }
        guard nbrun_pipe_cloexec(&errPipe) == 0 else {
            close(outPipe[0])
            close(outPipe[1])
            throw SubprocessError.spawn(errno)
        }
        var variables = environment ?? ProcessInfo.processInfo.environment
        let mark = sweepsDescendants ? UUID().uuidString : nil
        if let mark { variables[Self.descendantVariable] = mark }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let env = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + env { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = nbrun_spawn(&pid, executable.path, argv, env, directory?.path, outPipe[1], errPipe[1])
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw SubprocessError.spawn(spawned)
        }
        Self.register(pid, mark: mark)
        defer { Self.unregister(pid) }

        var output = Output(
            status: 0, signaled: false, stdout: Data(), stderr: Data(), timedOut: false,
            outputLimitReached: false)
        let reaped = drain(out: outPipe[0], err: errPipe[0], pid: pid, into: &output)
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = reaped ?? 0
        if reaped == nil { while waitpid(pid, &status, 0) < 0, errno == EINTR {} }
        kill(-pid, SIGKILL)  // anything the child left running in its group
        if let mark { Self.killMarked(mark) }
        let signal = status & 0x7f
        output.signaled = signal != 0
        output.status = output.signaled ? signal : (status >> 8) & 0xff
        return output
    }

    /// Reads both pipes until they close, killing the group at the deadline or the cap.
    ///
    /// Returns once the pipes close, or shortly after the child has exited even if they
    /// don't: a grandchild that left the process group may still hold them open.
    /// Returns the child's wait status when it was reaped here.
    private func drain(out: Int32, err: Int32, pid: pid_t, into output: inout Output) -> Int32? {
        var fds = [
            pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)
        ]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var open = 2
        var bytesRead = 0
        var exitStatus: Int32?
        var quietSince: Date?
        while open > 0 {
            var timeout: Int32 = 200
            if let deadline, exitStatus == nil {
                let remaining = deadline.timeIntervalSinceNow
                if remaining <= 0, !output.timedOut {
                    output.timedOut = true
                    kill(-pid, SIGKILL)
                } else if remaining > 0 {
                    timeout = min(Int32(remaining * 1000) + 1, 200)
                }
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { break }
            if ready == 0 {
                if exitStatus == nil {
                    var status: Int32 = 0
                    if waitpid(pid, &status, WNOHANG) == pid {
                        exitStatus = status
                        quietSince = Date()
                    }
                } else if let quietSince, Date().timeIntervalSince(quietSince) > 0.2 {
                    break  // the child is gone and nothing more arrives
                }
                continue
            }
            quietSince = exitStatus == nil ? nil : Date()
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = read(fds[index].fd, &buffer, buffer.count)
                if count > 0 {
                    bytesRead += count
                    if let stream, bytesRead <= outputLimit {
                        buffer.withUnsafeBytes {
                            stream(Int32(index + 1), UnsafeRawBufferPointer(rebasing: $0[..<count]))
                        }
                    } else if stream == nil, bytesRead <= outputLimit {
                        if index == 0 {
                            output.stdout.append(buffer, count: count)
                        } else {
                            output.stderr.append(buffer, count: count)
                        }
                    } else if !output.outputLimitReached {
                        output.outputLimitReached = true
                        kill(-pid, SIGKILL)
                    }
                } else if count == 0 || errno != EINTR {
                    fds[index].fd = -1
                    open -= 1
                }
            }
        }
        return exitStatus
    }

    // MARK: - Children to kill on interrupt

    /// The children running now, with the mark of their descendants when they are swept.
    private static let running = Mutex<[pid_t: String?]>([:])

    private static func register(_ pid: pid_t, mark: String?) { running.withLock { $0[pid] = mark } }
    private static func unregister(_ pid: pid_t) { _ = running.withLock { $0.removeValue(forKey: pid) } }

    /// Kills the process group of every child still running, and their marked descendants (for Ctrl-C).
    static func killAll() {
        for (pid, mark) in running.withLock({ $0 }) {
            kill(-pid, SIGKILL)
            if let mark { killMarked(mark) }
        }
    }

    /// Kills every process of this user whose environment holds the descendant mark `mark`.
    ///
    /// Runs after every child nbrun waits for, so it reads `/proc` with plain system calls
    /// and one buffer: through `FileManager` and `Data`, a sweep of about 100 processes
    /// took several milliseconds of a cold run.
    static func killMarked(_ mark: String) {
        let entry = Array("\(descendantVariable)=\(mark)".utf8)
        let own = getpid()
        var buffer = [UInt8](repeating: 0, count: 16384)
        // A process that was just killed may have started another meanwhile: look again.
        for _ in 0..<3 {
            guard let proc = opendir("/proc") else { return }
            var killed = 0
            while let item = readdir(proc) {
                let pid = withUnsafeBytes(of: item.pointee.d_name) { name in
                    pid_t(String(decoding: name.prefix { $0 != 0 }, as: UTF8.self))
                }
                guard let pid, pid != own, environment(of: pid, contains: entry, buffer: &buffer) else { continue }
                if kill(pid, SIGKILL) == 0 { killed += 1 }
            }
            closedir(proc)
            if killed == 0 { return }
        }
    }

    /// Whether `/proc/PID/environ` holds `entry` as one of its NUL-separated variables.
    private static func environment(of pid: pid_t, contains entry: [UInt8], buffer: inout [UInt8]) -> Bool {
        let descriptor = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }  // gone, or another user's
        defer { close(descriptor) }
        var length = 0
        while true {
            if length == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + length, $0.count - length) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            length += count
        }
        return buffer[..<length].split(separator: 0).contains { $0.elementsEqual(entry) }
    }
}

enum SubprocessError: Error, LocalizedError {
    case spawn(Int32)

    var errorDescription: String? {
        switch self {
        case .spawn(let code): String(cString: strerror(code))
        }
    }
}
