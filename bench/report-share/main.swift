import Foundation
@_spi(Runner) import NBRuntime

// nbrun's own share of a warm run: what an HTML report does with every tensor a
// program captured, beyond the program's compute. It decodes each events line, rebuilds
// the tensor, and writes numpy's text summarised (threshold 0) when it is tall and every
// value when it was summarised and has at most 10,000 values, as
// NBRunKit's TensorContext+Building does. Compiled -O against the runtime nbrun built,
// so it measures the optimised code a release nbrun runs. See bench/report-share.sh.
let path = CommandLine.arguments[1]
let lines = try! String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
let decoder = RunnerProtocol.decoder()
let start = clock()
var chars = 0
var decodeTicks: clock_t = 0
for _ in 0..<5 {
    for line in lines {
        let t0 = clock()
        guard case .tensor(_, let record) = try! decoder.decode(RunnerEvent.self, from: Data(line.utf8)) else { continue }
        decodeTicks += clock() - t0
        let dtype = DType.allCases.first { $0.description == record.dtype }!
        let tensor = Tensor(shape: Shape(record.shape), scalars: record.values, dtype: dtype)
        var shown = record.text
        if record.text.split(separator: "\n").count >= 12 {
            var o = record.options; o.threshold = 0; shown = tensor.text(options: o)
        }
        let summarized = shown != record.text || (!record.shape.isEmpty && record.values.count > record.options.threshold)
        if summarized && record.values.count <= 10_000 {
            var o = record.options; o.threshold = Int.max; chars += tensor.text(options: o).count
        }
        chars += shown.count
    }
}
let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC) / 5
print("per run: \(seconds) s CPU (decode \(Double(decodeTicks) / Double(CLOCKS_PER_SEC) / 5) s), \(chars / 5) characters")
