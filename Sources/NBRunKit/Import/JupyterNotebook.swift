import Foundation

/// Reads an nbformat 4 notebook (`.ipynb`, JSON) into a ``SourceNotebook``.
///
/// Only the fields a port needs are read; the rest (metadata, cell ids, execution counts)
/// is ignored. A multi-line string may be one string or a list of lines, as nbformat allows.
enum JupyterNotebook {
    static func read(_ data: Data) throws(ImportError) -> SourceNotebook {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw .notJupyter(Self.describe(error))
        } catch {
            throw .notJupyter(error.localizedDescription)
        }
        guard file.nbformat >= 4 else { throw .oldFormat(file.nbformat) }
        return SourceNotebook(cells: file.cells.compactMap(\.cell))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                ?? "not valid JSON"
        case .keyNotFound(let key, let context): "no \"\(key.stringValue)\"" + Self.path(context)
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "unexpected value" + Self.path(context)
        @unknown default: "unreadable"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keys.isEmpty ? "" : " at \(keys)"
    }

    // MARK: - nbformat 4, as JSON

    private struct File: Decodable {
        var nbformat: Int
        var cells: [RawCell]

        private enum CodingKeys: String, CodingKey { case nbformat, cells, worksheets }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            nbformat = try container.decode(Int.self, forKey: .nbformat)
            // nbformat 3 kept its cells in worksheets; read the version, then stop.
            cells = nbformat >= 4 ? try container.decode([RawCell].self, forKey: .cells) : []
        }
    }

    private struct RawCell: Decodable {
        var cell_type: String
        var source: MultilineText
        var outputs: [RawOutput]?
        var attachments: [String: [String: MultilineText]]?

        var cell: SourceNotebook.Cell? {
            switch cell_type {
            case "markdown": .markdown(source.text, attachments: (attachments ?? [:]).keys.sorted())
            case "code": .code(source.text, outputs: (outputs ?? []).compactMap(\.output))
            case "raw": .raw(source.text)
            default: nil
            }
        }
    }

    private struct RawOutput: Decodable {
        var output_type: String
        var name: String?
        var text: MultilineText?
        var data: [String: MultilineText]?
        var ename: String?
        var evalue: String?

        private enum CodingKeys: String, CodingKey { case output_type, name, text, data, ename, evalue }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            output_type = try container.decode(String.self, forKey: .output_type)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            text = try container.decodeIfPresent(MultilineText.self, forKey: .text)
            // Values of `data` may be JSON objects (application/json); keep the strings.
            data = try container.decodeIfPresent([String: Lenient].self, forKey: .data)?.compactMapValues(\.text)
            ename = try container.decodeIfPresent(String.self, forKey: .ename)
            evalue = try container.decodeIfPresent(String.self, forKey: .evalue)
        }

        var output: SourceNotebook.Output? {
            switch output_type {
            case "stream":
                guard let text else { return nil }
                return name == "stderr" ? .stderr(text.text) : .text(text.text)
            case "execute_result", "display_data":
                let data = self.data ?? [:]
                if let image = data.keys.sorted().first(where: { $0.hasPrefix("image/") }) {
                    return .image(mimeType: image)
                }
                // A value's text ends where the next output starts, on a line of its own.
                return data["text/plain"].map { .text($0.text.endsWithNewline ? $0.text : $0.text + "\n") }
            case "error":
                return .error(name: ename ?? "Error", value: evalue ?? "")
            default:
                return nil
            }
        }
    }

    /// nbformat's multi-line string: one string, or a list of strings to join.
    private struct MultilineText: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let lines = try? container.decode([String].self) {
                text = lines.joined()
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    /// A value that may or may not be text.
    private struct Lenient: Decodable {
        var text: MultilineText?

        init(from decoder: any Decoder) throws {
            text = try? MultilineText(from: decoder)
        }
    }
}
