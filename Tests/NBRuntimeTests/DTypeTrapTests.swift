import Foundation
import NBRuntime
import Testing

/// numpy's errors for the uint8, int32 and float32 types stop the program with numpy's
/// message. Each test makes the mistake in a child process (an exit test) and reads stderr.
@Suite("dtype errors stop with numpy's message")
struct DTypeTrapTests {
    func expectMessage(
        _ message: String, _ result: ExitTest.Result?, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("Fatal error: " + message), "stderr: \(stderr)", sourceLocation: sourceLocation)
    }

    @Test func aPythonIntThatDoesNotFitTheArraysType() async {
        let literal = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            print(np.zeros(3, dtype: np.uint8) + 300)
        }
        expectMessage("Python integer 300 out of bounds for uint8", literal)
        let array = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            print(np.array([1, 2_147_483_648], dtype: "int32"))
        }
        expectMessage("Python integer 2147483648 out of bounds for int32", array)
    }

    @Test func anInPlaceResultOfAWiderKind() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var a = np.arange(3, dtype: np.int32)
            a += np.array([0.5, 1.5, 2.5], dtype: np.float32)
            print(a)
        }
        expectMessage(
            "add: Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'",
            result)
    }

    @Test func float16ResultsAreNotThere() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            print(np.sqrt(np.ones(2, dtype: np.uint8)))
        }
        expectMessage(
            "sqrt: numpy computes uint8 input in float16, which nbrun doesn't have; convert first, e.g. `a.astype(np.float32)`",
            result)
    }

    @Test func anUnknownTypeName() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            print(np.zeros(2, dtype: "float16"))
        }
        expectMessage("dtype: data type 'float16' not understood", result)
    }
}
