/// A piece of printed output: plain text, or a number as written.
enum OutputToken: Equatable {
    case text(String)
    case number(written: String, value: Double)

    /// Cuts `text` into text and numeric tokens.
    ///
    /// Numbers are integers, decimals (`1.`, `.5`, `0.25`), scientific notation
    /// (`1e-05`, `2.5E+10`), `nan`, `inf` and `-inf`, with an optional sign. A number
    /// is only a number when it stands alone: the `1` in `w1` or `x1.5` is text.
    static func tokenize(_ text: String) -> [OutputToken] {
        let characters = Array(text)
        var tokens: [OutputToken] = []
        var pending = ""
        var index = 0
        while index < characters.count {
            let before = index > 0 ? characters[index - 1] : " "
            if !isWordCharacter(before), before != ".", let length = numberLength(characters, at: index) {
                if !pending.isEmpty {
                    tokens.append(.text(pending))
                    pending = ""
                }
                let written = String(characters[index..<(index + length)])
                tokens.append(.number(written: written, value: value(of: written)))
                index += length
            } else {
                pending.append(characters[index])
                index += 1
            }
        }
        if !pending.isEmpty { tokens.append(.text(pending)) }
        return tokens
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    private static func value(of written: String) -> Double {
        switch written {
        case "nan", "-nan", "+nan": return .nan
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(written) ?? .nan
        }
    }

    /// The length of the number starting at `start`, or nil if none does.
    private static func numberLength(_ c: [Character], at start: Int) -> Int? {
        var i = start
        if i < c.count, c[i] == "-" || c[i] == "+" { i += 1 }
        for word in ["nan", "inf"] where c[i...].starts(with: word) {
            let end = i + word.count
            return end < c.count && isWordCharacter(c[end]) ? nil : end - start
        }
        let digitsStart = i
        while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
        var digits = i - digitsStart
        if i < c.count, c[i] == "." {
            let afterDot = i + 1
            var j = afterDot
            while j < c.count, c[j].isASCII, c[j].isNumber { j += 1 }
            digits += j - afterDot
            // "1." is a number (numpy writes it); a lone "." is not.
            if digits > 0 { i = j }
        }
        guard digits > 0 else { return nil }
        if i < c.count, c[i] == "e" || c[i] == "E" {
            var j = i + 1
            if j < c.count, c[j] == "-" || c[j] == "+" { j += 1 }
            let exponentStart = j
            while j < c.count, c[j].isASCII, c[j].isNumber { j += 1 }
            if j > exponentStart { i = j }
        }
        if i < c.count, isWordCharacter(c[i]) { return nil }
        return i - start
    }
}
