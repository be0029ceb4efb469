import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One end of a JSON-RPC stream over a pair of file descriptors: stdin and stdout of
/// `nbrun lsp`, or the pipes to a sourcekit-lsp child.
///
/// Messages are read on a thread of the connection's own and handed to `receive` in the
/// order they arrived. Sending is safe from any thread: each message is written whole.
public final class Connection: Sendable {
    private let input: Int32
    private let output: Int32
    private let writing = Mutex(())
    private let closed = Mutex(false)

    public init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    /// Starts reading. `receive` gets each message (or why one couldn't be read, after
    /// which reading goes on with the next); `closed` is called once, when the input ends.
    public func start(
        receive: @escaping @Sendable (Result<Message, ResponseError>) -> Void,
        closed: @escaping @Sendable () -> Void
    ) {
        let input = self.input
        let thread = Thread {
            var deframer = MessageDeframer()
            var buffer = [UInt8](repeating: 0, count: 65536)
            reading: while true {
                let count = read(input, &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                deframer.append(Data(buffer[0..<count]))
                while true {
                    let body: Data
                    do {
                        guard let next = try deframer.next() else { break }
                        body = next
                    } catch {
                        // A stream whose framing is lost can't be resynchronized.
                        receive(.failure(ResponseError(code: ResponseError.parseError, message: "\(error)")))
                        break reading
                    }
                    do {
                        receive(.success(try JSONDecoder().decode(Message.self, from: body)))
                    } catch {
                        receive(
                            .failure(ResponseError(code: ResponseError.parseError, message: "not a message: \(error)")))
                    }
                }
            }
            closed()
        }
        thread.name = "nbrun-lsp-reader"
        thread.start()
    }

    /// Writes one message; false when the other end has gone.
    @discardableResult
    public func send(_ message: Message) -> Bool {
        guard let data = try? MessageFraming.frame(message) else { return false }
        return writing.withLock { _ in
            if closed.withLock({ $0 }) { return false }
            let written = data.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let count = write(output, raw.baseAddress! + offset, raw.count - offset)
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { return false }
                    offset += count
                }
                return true
            }
            if !written { closed.withLock { $0 = true } }
            return written
        }
    }
}
