import Foundation
import Testing

@_spi(Runner) @testable import NBRuntime

extension Unit {
    /// A tensor's values cross from the program to nbrun exactly, in a compact form.
    @Suite struct RunnerProtocolTests {
        @Test func tensorValuesRoundTripBitForBitAsOneBase64String() throws {
            let values =
                [0.1, -0.0, .nan, .infinity, -.infinity, 5e-324, 1e308, -2.5] + (0..<30_000).map { Double($0) / 7 }
            let record = TensorRecord(name: "hidden_layer", shape: [values.count], values: values, text: "[0.1 ...]")
            let data = try RunnerProtocol.encoder().encode(RunnerEvent.tensor(cell: 3, record))
            let json = String(decoding: data, as: UTF8.self)
            // One string, not a list of 30,008 numbers: 8 bytes each, in base64, and nothing
            // more than the same record without values.
            #expect(!json.contains("0.14285714285714285"))
            var empty = record
            empty.values = []
            let withoutValues = try RunnerProtocol.encoder().encode(RunnerEvent.tensor(cell: 3, empty))
            #expect(data.count - withoutValues.count == 4 * ((values.count * 8 + 2) / 3))
            let decoded = try RunnerProtocol.decoder().decode(RunnerEvent.self, from: data)
            guard case .tensor(let cell, let back) = decoded else {
                Issue.record("decoded \(decoded)")
                return
            }
            #expect(
                cell == 3 && back.name == "hidden_layer" && back.shape == [values.count] && back.text == "[0.1 ...]")
            #expect(back.values.map(\.bitPattern) == values.map(\.bitPattern))
        }

        @Test func valuesThatAreNotFloat64BytesAreADecodingError() throws {
            let record = TensorRecord(name: "x", shape: [1], values: [1.5], text: "1.5")
            let json = String(decoding: try RunnerProtocol.encoder().encode(record), as: UTF8.self)
            #expect(json.contains(#""values":"AAAAAAAA+D8=""#))  // 1.5's little-endian bytes
            let broken = json.replacingOccurrences(of: #""values":"AAAAAAAA+D8=""#, with: #""values":"AAE=""#)
            #expect(throws: DecodingError.self) {
                try RunnerProtocol.decoder().decode(TensorRecord.self, from: Data(broken.utf8))
            }
        }
    }
}
