import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// What the preview's server allows a connection, beyond what the HTTP library enforces.
///
/// SwiftNIO's HTTP decoder stops at ``requestHeadLimit`` bytes of request line and headers;
/// this handler answers that with `431 Request Header Fields Too Large` and closes the
/// connection (Hummingbird alone would answer 400). A connection that hasn't sent a whole
/// request head within ``headDeadline`` of opening, or of its last response, is closed:
/// a client that sends a byte a second holds nothing for long. Event streams, which are
/// answers still being written, are left alone.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The most bytes of request line plus headers a request may have.
    static let requestHeadLimit = 8 * 1024

    let headDeadline: TimeAmount
    private var deadline: Scheduled<Void>?

    init(headDeadline: TimeAmount) {
        self.headDeadline = headDeadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A response is done: the next request's head has its own deadline.
        if case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        deadline?.cancel()
        let head = HTTPResponse(
            status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
            headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func arm(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: headDeadline) {
            channel.close(promise: nil)
        }
    }
}
