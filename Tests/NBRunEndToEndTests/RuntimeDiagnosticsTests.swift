import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Common misuses of the runtime's API must fail to compile with the message a
/// user needs, and no message may show the runtime's plumbing: no hidden
/// `file:`, `line:` or `column:` parameter, no `StaticString` or `UInt`.
@Suite("Compiler errors about the runtime's API read as the user wrote it")
struct RuntimeDiagnosticsTests {
    static let misuses: [(name: String, code: String, message: String)] = [
        (
            "wrong-label", "let x = np.ones([2, 3])\nlet s = np.sum(x, axes: 0)",
            "incorrect argument label in call (have '_:axes:', expected '_:axis:')"
        ),
        (
            "int-array", "let labels = [2, 0, 1]\nlet p = sigmoid(labels)",
            "cannot convert value of type '[Int]' to expected argument type 'Tensor'"
        ),
        (
            "format", "let loss = np.mean(np.ones(3))\nprint(String(format: \"%.4f\", loss))",
            "String(format:) takes numbers such as Int and Double; for a one-element Tensor pass t.item()"
        ),
        (
            "format-mixed", "let loss = np.mean(np.ones(3))\nprint(String(format: \"step %d loss %.4f\", 5, loss))",
            "for a one-element Tensor pass t.item()"
        ),
        ("greater", "let a = np.ones(3)\nlet m = a > 0", "use .> for numpy's elementwise a > b"),
        ("extra-label", "let x = np.ones(3)\nlet z = Tensor.zeros(3, like: x)", "extra argument 'like' in call"),
        ("extra-argument", "let x = np.ones(3)\nlet v = x.item(x)", "argument passed to call that takes no arguments"),
        (
            "tensor-for-int", "let a = np.ones(6)\nlet r = a.reshaped(2, a)",
            "cannot convert value of type 'Tensor' to expected argument type 'Int'"
        )
    ]

    @Test("each misuse gives its message and no hidden parameter")
    func misuses() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let environment: [String: String] = [:]  // the tests' shared cache
        for misuse in Self.misuses {
            let file = dir.appendingPathComponent("\(misuse.name).md")
            try "# Misuse\n\n```swift-cell\n\(misuse.code)\n```\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try nbrun(
                "render", file.lastPathComponent, "--to", "md", "-o", "-", in: dir,
                environment: environment)
            #expect(result.status == 1, "\(misuse.name): \(result.stderr)")
            #expect(result.stderr.contains("\(misuse.name).md:5:"), "\(misuse.name): \(result.stderr)")
            #expect(result.stderr.contains(misuse.message), "\(misuse.name): \(result.stderr)")
            for leak in ["file:", "line:", "column:", "StaticString", "'UInt'", "#fileID"] {
                #expect(!result.stderr.contains(leak), "\(misuse.name) shows \(leak): \(result.stderr)")
            }
        }
    }

    static let traps: [(name: String, code: String, line: Int, message: String)] = [
        (
            "reshape", "let a = np.ones(6)\nlet b = a.reshape(4, 2)", 5,
            "Fatal error: reshape: cannot reshape array of size 6 into shape (4, 2)"
        ),
        (
            "index", "let a = np.ones(3)\nprint(\"before\")\nlet b = a[5]", 6,
            "Fatal error: subscript: index 5 is out of bounds for axis 0 with size 3"
        ),
        (
            "mask", "var a = np.ones(3)\na[np.array([true, false])] = 0", 5,
            "Fatal error: subscript: boolean index did not match indexed array along axis 0; size of axis is 3 "
                + "but size of corresponding boolean axis is 2"
        ),
        (
            "in-place", "var counts = np.zeros(3, dtype: np.int64)\ncounts /= 2", 5,
            "Fatal error: divide: Cannot cast ufunc 'divide' output from dtype('float64') to dtype('int64') "
                + "with casting rule 'same_kind'"
        ),
        // A function that delegates (np.dot to matmul, np.vstack to concatenate) is named as
        // the author called it, with numpy's wording after the name.
        (
            "dot", "let X = np.zeros([300, 2])\nlet W2 = np.zeros([100, 3])\nlet scores = np.dot(X, W2)", 6,
            "Fatal error: dot: shapes (300, 2) and (100, 3) not aligned: 2 (dim 1) != 100 (dim 0)"
        ),
        (
            "vstack", "let rows = np.vstack([np.ones([2, 2]), np.ones([2, 3])])", 4,
            "Fatal error: vstack: all the input array dimensions except for the concatenation axis must match "
                + "exactly, but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3"
        )
    ]

    /// A runtime error inside the runtime is reported at the notebook line that called it.
    @Test("runtime errors name the notebook line and numpy's message")
    func traps() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let environment: [String: String] = [:]  // the tests' shared cache
        for trap in Self.traps {
            let file = dir.appendingPathComponent("\(trap.name).md")
            try "# Trap\n\n```swift-cell\n\(trap.code)\n```\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try nbrun(
                "render", file.lastPathComponent, "--to", "json", "-o", "-", in: dir,
                environment: environment)
            #expect(result.status == 1, "\(trap.name): \(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let cells = try #require(json["cells"] as? [[String: Any]])
            let error = try #require(cells.first?["error"] as? [String: Any], "\(trap.name): \(result.stdout)")
            #expect(error["line"] as? Int == trap.line, "\(trap.name): \(error)")
            #expect(error["message"] as? String == trap.message, "\(trap.name): \(error)")
        }
    }
}
