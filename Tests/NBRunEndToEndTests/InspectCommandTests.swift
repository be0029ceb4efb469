import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun inspect` end to end: the values it shows inside a training loop are the ones a
/// full run has there.
@Suite struct InspectCommandTests {
    @Test func showsTheTrainingLoopsValuesAsTheFullRunHasThem() throws {
        let inspect = try nbrun("inspect", "notebooks/xor.md:63", "--hits", "2", in: Fixture.packageRoot)
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let hits = inspect.stdout.components(separatedBy: "notebooks/xor.md:63, hit ").dropFirst()
        #expect(hits.count == 2)
        let first = try #require(hits.first)
        let second = try #require(hits.dropFirst().first)
        // The full run prints `step 0: loss 0.272813844422298`.
        #expect(first.contains("\n  step = 0\n"))
        #expect(first.contains("\n  loss = 0.272813844422298\n"))
        #expect(second.contains("\n  step = 1\n"))
        #expect(first.contains("\n  losses = []\n"))
        #expect(second.contains("\n  losses = [0.272813844422298]\n"))

        // At the first step the weights are still the ones the network cell made, which
        // the full run's report shows; at the second they have moved.
        let report = try nbrun("notebooks/xor.md", "--to", "json", "-o", "-", in: Fixture.packageRoot)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let network = try #require(cells.first { $0["id"] as? String == "network" })
        let tensors = try #require(network["tensors"] as? [[String: Any]])
        for name in ["W1", "b1", "W2", "b2"] {
            let values = try #require(tensors.first { $0["name"] as? String == name }?["values"] as? [Double])
            #expect(Self.values(of: name, in: first) == values, "\(name) at the first step")
            #expect(Self.values(of: name, in: second) != values, "\(name) moved after one step")
        }
    }

    /// The numbers of `name`'s value in one hit's text (`  W1 = [[ 0.5 -0.4 …]\n        [ …]]`).
    static func values(of name: String, in hit: String) -> [Double] {
        let lines = hit.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(name) = ") }) else { return [] }
        let indent = String(repeating: " ", count: name.count + 5)
        let block =
            [String(lines[start].dropFirst(name.count + 5))]
            + lines[(start + 1)...].prefix { $0.hasPrefix(indent) }
        return block.joined(separator: " ").split { " []\n".contains($0) }.compactMap { Double($0) }
    }

    @Test func aLineOutsideCellsIsBadInput() throws {
        let inspect = try nbrun("inspect", "notebooks/xor.md:2", in: Fixture.packageRoot)
        #expect(inspect.status == 2)
        #expect(inspect.stderr.hasPrefix("notebooks/xor.md:2: error: line 2 is not a line of a cell's code"))
    }

    @Test func helpSaysWhichDebuggersStartHere() throws {
        let help = try nbrun("inspect", "--help")
        #expect(help.stdout.contains("docs/editors.md"))
        // This toolchain's lldb needs libpython3.10, which Debian 12 doesn't have: the help says so.
        let lldb = try #require(help.stdout.split(separator: "\n").first { $0.contains("lldb: ") })
        let starts =
            (try? SystemProcessRunner().run(
                URL(fileURLWithPath: "/usr/bin/env"), ["lldb", "--version"], environment: nil, directory: nil))?.status
            == 0
        #expect(lldb.contains(starts ? "lldb: starts" : "lldb: doesn't start here"), "\(lldb)")
    }
}
