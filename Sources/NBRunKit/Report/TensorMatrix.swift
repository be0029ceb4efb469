/// A tensor's numpy text as a KaTeX matrix.
///
/// The numbers are numpy's own (the snapshot's `text` is numpy's `str()`), so the
/// matrix shows exactly what numpy prints, summarized as numpy summarizes large
/// tensors: a `...` inside a row becomes `\cdots`, a row of `...` becomes a row of
/// `\vdots` (with `\ddots` where it crosses a `\cdots` column).
enum TensorMatrix {
    /// TeX for a right-aligned `bmatrix*`, or nil when the tensor is a scalar, has more
    /// than two dimensions, is wider than numpy's line (numpy wrapped a row, so a matrix
    /// would run off a printed page), or its text doesn't match its shape (show the text
    /// instead).
    static func tex(text: String, shape: [Int]) -> String? {
        guard (1...2).contains(shape.count), let rows = rows(of: text, dimensions: shape.count),
            text.split(separator: "\n", omittingEmptySubsequences: false).count == rows.count
        else { return nil }
        let data = rows.compactMap { $0 }
        guard let pattern = data.first, !pattern.isEmpty, data.allSatisfy({ $0.count == pattern.count }) else {
            return nil
        }
        let (expectedRows, expectedColumns) = shape.count == 1 ? (1, shape[0]) : (shape[0], shape[1])
        guard rows.contains(nil) || rows.count == expectedRows,
            pattern.contains("...") || pattern.count == expectedColumns
        else { return nil }
        let lines = rows.map { row -> String in
            guard let row else {
                return pattern.map { $0 == "..." ? "\\ddots" : "\\vdots" }.joined(separator: " & ")
            }
            return row.map(entry).joined(separator: " & ")
        }
        return "\\begin{bmatrix*}[r]\n" + lines.joined(separator: " \\\\\n") + "\n\\end{bmatrix*}"
    }

    /// The rows of numpy's text: each a list of tokens, or nil for a row of `...`.
    private static func rows(of text: String, dimensions: Int) -> [[String]?]? {
        var rows: [[String]?] = []
        var depth = 0
        var token = ""
        func flush() {
            guard !token.isEmpty else { return }
            if depth == dimensions, !rows.isEmpty, rows[rows.count - 1] != nil {
                rows[rows.count - 1]!.append(token)
            } else if depth == dimensions - 1, token == "..." {
                rows.append(nil)
            }
            token = ""
        }
        for character in text {
            switch character {
            case "[":
                flush()
                depth += 1
                if depth == dimensions { rows.append([]) }
            case "]":
                flush()
                depth -= 1
            case " ", "\n", ",":
                flush()
            default:
                token.append(character)
            }
        }
        flush()
        return depth == 0 && !rows.isEmpty ? rows : nil
    }

    /// One number as TeX: digits and signs as written, letters upright, and numpy's
    /// scientific notation as a power of ten, so it reads as one number: `9.87e-01` is
    /// `9.87\times 10^{-1}` (TeX would read the `-` of `e-01` as a subtraction), `1.e+03`
    /// is `1\times 10^{3}`.
    private static func entry(_ token: String) -> String {
        if token == "..." { return "\\cdots" }
        let sign = token.hasPrefix("-") ? "-" : ""
        let body = token.dropFirst(sign.count)
        if body.allSatisfy(\.isLetter) { return sign + "\\text{\(body)}" }
        guard body.allSatisfy({ $0.isNumber || "+-.e".contains($0) }) else { return "\\text{?}" }
        let parts = body.split(separator: "e", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let exponent = Int(parts[1]) else { return sign + body }
        let mantissa = parts[0].hasSuffix(".") ? parts[0].dropLast() : parts[0]
        return sign + mantissa + "\\times 10^{\(exponent)}"
    }
}
