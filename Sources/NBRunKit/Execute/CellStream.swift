import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One stream of a running program (stdout or stderr), cut per cell as it arrives and kept
/// within bounds: of each cell's text, the first ``headLimit`` bytes and the last
/// ``tailLimit``, and how many bytes it printed in all.
///
/// A cell that prints 200 MB costs nbrun about `--max-output` plus the tail, not 200 MB:
/// the head is what the report shows, and the tail keeps the end of a crash report. The
/// program begins each cell with a marker line (`MARKER N\n`, see `RunnerProtocol`),
/// which may arrive split across reads.
struct CellStream {
    /// The text one cell printed on this stream, as far as it is kept.
    struct Text: Equatable {
        /// The first bytes, up to the head limit.
        var head: [UInt8] = []
        /// The last bytes after the head, up to the tail limit.
        var tail: [UInt8] = []
        /// Every byte the cell printed on this stream.
        var bytes = 0

        /// How many bytes are in neither the head nor the tail.
        var omitted: Int { bytes - head.count - tail.count }

        /// The whole text when nothing was left out.
        var whole: String? { omitted == 0 ? String(decoding: head + tail, as: UTF8.self) : nil }
    }

    let headLimit: Int
    let tailLimit: Int
    private let marker: [UInt8]
    /// Per cell, in the order the cells began.
    private(set) var cells: [Int: Text] = [:]
    /// The cell printing now; nil before the first marker (that text is dropped).
    private var current: Int?
    /// How much of the marker the latest bytes matched, held back until they prove to be one.
    private var matched = 0
    /// The cell number after a whole marker, while its digits arrive.
    private var number: [UInt8]?

    init(marker: String, headLimit: Int, tailLimit: Int = 64 << 10) {
        self.marker = Array((marker + " ").utf8)
        self.headLimit = headLimit
        self.tailLimit = tailLimit
        precondition(self.marker.first == 1 && !self.marker.dropFirst().contains(1), "the marker starts with \\u{1}")
    }

    /// Takes the next bytes of the stream.
    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        var index = 0
        let count = chunk.count
        while index < count {
            if var digits = number {
                let byte = chunk[index]
                index += 1
                if byte == UInt8(ascii: "\n"), let cell = Int(String(decoding: digits, as: UTF8.self)) {
                    current = cell
                    if cells[cell] == nil { cells[cell] = Text() }
                    number = nil
                } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits.count < 18 {
                    digits.append(byte)
                    number = digits
                } else {
                    number = nil  // not a marker line after all: its text is kept as the cell's own
                    keep(marker[...] + digits[...] + [byte])
                }
                continue
            }
            if matched > 0 {
                if chunk[index] == marker[matched] {
                    matched += 1
                    index += 1
                    if matched == marker.count {
                        matched = 0
                        number = []
                    }
                } else {
                    keep(marker[..<matched])
                    matched = 0
                }
                continue
            }
            // Plain text up to the next byte that could begin a marker.
            let found = memchr(chunk.baseAddress! + index, 1, count - index)
            var end = found.map { chunk.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? count
            if end > index { keep(UnsafeRawBufferPointer(rebasing: chunk[index..<end])) }
            if end < count {
                matched = 1
                end += 1
            }
            index = end
        }
    }

    /// Ends the stream: a marker cut short is text.
    mutating func finish() {
        if let digits = number { keep(marker[...] + digits[...]) } else if matched > 0 { keep(marker[..<matched]) }
        number = nil
        matched = 0
    }

    private mutating func keep(_ bytes: some Collection<UInt8>) {
        guard let cell = current else { return }
        var text = cells[cell] ?? Text()
        cells[cell] = nil  // keep the buffers uniquely referenced while they grow
        text.bytes += bytes.count
        var rest = bytes[...]
        if text.head.count < headLimit {
            let taken = rest.prefix(headLimit - text.head.count)
            text.head.append(contentsOf: taken)
            rest = rest.dropFirst(taken.count)
        }
        if !rest.isEmpty {
            text.tail.append(contentsOf: rest.suffix(tailLimit))
            if text.tail.count > 2 * tailLimit { text.tail.removeFirst(text.tail.count - tailLimit) }
        }
        cells[cell] = text
    }
}

extension CellStream.Text {
    /// The tail trimmed to its limit (it is let grow to twice that between trims).
    func trimmed(to tailLimit: Int) -> Self {
        var text = self
        if text.tail.count > tailLimit { text.tail.removeFirst(text.tail.count - tailLimit) }
        return text
    }
}
