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
/// interrupted are killed by ``Subprocess/killAll()``.
struct Subprocess {
    var executable: URL
    var arguments: [String]
    var environment: [String: String]?
    var directory: URL?
    var deadline: Date?
    /// How many bytes of stdout plus stderr to keep before killing the child.
    var outputLimit = 256 << 20

    struct Output {
        var status: Int32
        var signaled: Bool
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
        var outputLimitReached: Bool
    }

    func run() throws -> Output {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw SubprocessError.spawn(errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        if let directory, nbrun_spawn_file_actions_addchdir(&actions, directory.path) != 0 {
            close(outPipe[0])
            close(outPipe[1])
            close(errPipe[0])
            close(errPipe[1])
            throw SubprocessError.spawn(ENOTSUP)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // A clean start: no blocked signals, and every signal's default action (nbrun
        // ignores SIGINT while it runs children, and threads may block others).
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + env { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, env)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw SubprocessError.spawn(spawned)
        }
        Self.register(pid)
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
                    if output.stdout.count + output.stderr.count < outputLimit {
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

    private static let running = Mutex<Set<pid_t>>([])

    private static func register(_ pid: pid_t) { _ = running.withLock { $0.insert(pid) } }
    private static func unregister(_ pid: pid_t) { _ = running.withLock { $0.remove(pid) } }

    /// Kills the process group of every child still running (for Ctrl-C).
    static func killAll() {
        for pid in running.withLock({ $0 }) { kill(-pid, SIGKILL) }
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
