import NBRunKit

/// sourcekit-lsp's answers about the program, turned into answers about the notebook:
/// places in the program move to the notebook (or are dropped when they are nbrun's own
/// lines), generated names become the author's, and nbrun's own session is never offered.
struct AnswerMapping: Sendable {
    let map: PositionMap
    /// The notebook's URI.
    let notebookURI: String
    /// The program's file that the request was about, and the file name of each of the
    /// program's URIs as sourcekit-lsp knows them.
    let requestFile: String
    let programFiles: [String: String]

    func answer(_ method: String, _ result: JSONValue) -> JSONValue {
        switch method {
        case "textDocument/completion": completion(result)
        case "textDocument/hover": hover(result)
        case "textDocument/definition": definition(result)
        default: userNames(result)
        }
    }

    // MARK: - Completion

    private func completion(_ result: JSONValue) -> JSONValue {
        if case .array(let items) = result { return .array(completionItems(items)) }
        guard var list = result.objectValue, let items = list["items"]?.arrayValue else { return result }
        list["items"] = .array(completionItems(items))
        return .object(list)
    }

    private func completionItems(_ items: [JSONValue]) -> [JSONValue] {
        // A name that shadows an earlier one is offered once, as the author writes it, with
        // what it is now (the generated one), not what it was before.
        var shadowing: Set<String> = []
        var mapped: [(item: JSONValue, generated: Bool)] = []
        for case .object(var item) in items {
            guard let label = item["label"]?.stringValue, !label.hasPrefix("__nbrun") else { continue }
            let userLabel = map.source.userText(label)
            if userLabel != label { shadowing.insert(userLabel) }
            if let edit = item["textEdit"] {
                if let mappedEdit = textEdit(edit) {
                    item["textEdit"] = mappedEdit
                } else {
                    item["textEdit"] = nil
                    item["insertText"] = edit["newText"] ?? item["insertText"]
                }
            }
            if let edits = item["additionalTextEdits"]?.arrayValue {
                item["additionalTextEdits"] = .array(edits.compactMap(textEdit))
            }
            item["data"] = nil  // names the program's file; nbrun offers no completionItem/resolve
            mapped.append((userNames(.object(item)), userLabel != label))
        }
        return mapped.filter { $0.generated || !shadowing.contains($0.item["label"]?.stringValue ?? "") }.map(\.item)
    }

    /// A text edit (or insert-and-replace edit) with its ranges in the notebook; nil when one doesn't map.
    private func textEdit(_ edit: JSONValue) -> JSONValue? {
        guard var object = edit.objectValue else { return nil }
        for key in ["range", "insert", "replace"] {
            guard let range = object[key] else { continue }
            guard let decoded = try? range.decode(TextRange.self),
                let notebook = map.notebookRange(file: requestFile, decoded),
                let value = try? JSONValue(encoding: notebook)
            else { return nil }
            object[key] = value
        }
        return .object(object)
    }

    // MARK: - Hover

    private func hover(_ result: JSONValue) -> JSONValue {
        guard var hover = result.objectValue else { return result }
        if let range = hover["range"] {
            hover["range"] =
                (try? range.decode(TextRange.self)).flatMap { map.notebookRange(file: requestFile, $0) }
                .flatMap { try? JSONValue(encoding: $0) }
        }
        return userNames(.object(hover))
    }

    // MARK: - Definition

    private func definition(_ result: JSONValue) -> JSONValue {
        switch result {
        case .array(let locations): .array(locations.compactMap(location))
        case .object: location(result) ?? .null
        default: result
        }
    }

    /// A `Location` or `LocationLink` in the notebook, in another file as it is, or nil in nbrun's lines.
    private func location(_ value: JSONValue) -> JSONValue? {
        guard var object = value.objectValue else { return nil }
        let uriKey = object["targetUri"] != nil ? "targetUri" : "uri"
        if let origin = object["originSelectionRange"] {
            object["originSelectionRange"] =
                (try? origin.decode(TextRange.self)).flatMap { map.notebookRange(file: requestFile, $0) }
                .flatMap { try? JSONValue(encoding: $0) }
        }
        guard let uri = object[uriKey]?.stringValue, let file = programFiles[uri] else { return .object(object) }
        object[uriKey] = .string(notebookURI)
        for key in ["range", "targetRange", "targetSelectionRange"] {
            guard let range = object[key] else { continue }
            guard let decoded = try? range.decode(TextRange.self), let mapped = map.notebookRange(file: file, decoded),
                let encoded = try? JSONValue(encoding: mapped)
            else { return nil }
            object[key] = encoded
        }
        return .object(object)
    }

    // MARK: - Names

    /// Every string in the answer with generated names turned back into the author's.
    private func userNames(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): text.contains("__nb") ? .string(map.source.userText(text)) : value
        case .array(let values): .array(values.map(userNames))
        case .object(let members): .object(members.mapValues(userNames))
        default: value
        }
    }
}
