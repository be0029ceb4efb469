import Foundation

/// A JSON-RPC 2.0 request id: a number or a string, as the client chose it.
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): "\(number)"
        case .string(let string): string.debugDescription
        }
    }
}

/// A JSON-RPC error object.
public struct ResponseError: Error, Sendable, Equatable, Codable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    /// LSP: the server got a request before `initialize`.
    public static let serverNotInitialized = -32002
    /// LSP: a newer edit made the request's answer meaningless.
    public static let contentModified = -32801
    /// LSP: the client cancelled the request.
    public static let requestCancelled = -32800
}

/// One JSON-RPC 2.0 message: a request, a notification or a response.
public enum Message: Sendable, Equatable {
    case request(id: RequestID, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    case response(id: RequestID?, result: Result<JSONValue, ResponseError>)
}

extension Message: Codable {
    private enum Key: String, CodingKey {
        case jsonrpc, id, method, params, result, error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let id = try container.decodeIfPresent(RequestID.self, forKey: .id)
        if let method = try container.decodeIfPresent(String.self, forKey: .method) {
            let params = try container.decodeIfPresent(JSONValue.self, forKey: .params) ?? .null
            if let id {
                self = .request(id: id, method: method, params: params)
            } else {
                self = .notification(method: method, params: params)
            }
        } else if let error = try container.decodeIfPresent(ResponseError.self, forKey: .error) {
            self = .response(id: id, result: .failure(error))
        } else if container.contains(.result) {
            self = .response(id: id, result: .success(try container.decode(JSONValue.self, forKey: .result)))
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "neither a method, a result nor an error"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode("2.0", forKey: .jsonrpc)
        switch self {
        case .request(let id, let method, let params):
            try container.encode(id, forKey: .id)
            try container.encode(method, forKey: .method)
            if !params.isNull { try container.encode(params, forKey: .params) }
        case .notification(let method, let params):
            try container.encode(method, forKey: .method)
            if !params.isNull { try container.encode(params, forKey: .params) }
        case .response(let id, let result):
            // A response to a message whose id couldn't be read carries `"id": null`.
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            switch result {
            case .success(let value): try container.encode(value, forKey: .result)
            case .failure(let error): try container.encode(error, forKey: .error)
            }
        }
    }
}
