import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The student and solution versions of `notebooks/neuron-exercise.md`, through the built `nbrun`.
@Suite(.serialized) struct VariantEndToEndTests {
    static let notebook = "notebooks/neuron-exercise.md"
    /// Lines only the solutions hold.
    static let solutionCode = [
        "return s * (1 - s)", "let delta = (sigmoid(z) - t) * sigmoidPrime(z)",
        "Both entries are negative"
    ]

    /// What a reader sees of some HTML: tags removed, the five escapes undone.
    static func text(_ html: String) -> String {
        var text = html.replacing(/<[^>]*>/, with: "")
        for (escaped, raw) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: escaped, with: raw)
        }
        return text
    }

    /// The notebook part of an HTML report.
    static func body(_ html: String) -> Substring? {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return nil }
        return html[start.lowerBound..<end.upperBound]
    }

    @Test func theStudentHandoutHasNoSolutionAndShowsTheExpectedOutputs() throws {
        let result = try nbrun("render", Self.notebook, "--variant", "student", "-o", "-", in: Fixture.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(Self.notebook): 2 cells ok, 4 exercise cells not run"))
        let html = result.stdout
        for line in Self.solutionCode + ["BEGIN SOLUTION", "END SOLUTION"] {
            #expect(!Self.text(html).contains(line), "\(line)")
        }
        // Each solution is a placeholder and a stub, in the function it belongs to.
        #expect(
            html.contains(
                """
                <span class="line" data-line="43">    <span class="com">// Your code here</span></span>
                <span class="line" data-line="44">    fatalError(<span class="str">&quot;exercise&quot;</span>)</span>
                """))
        #expect(html.contains("<p><em>Your answer here.</em></p>"))
        // The cells that need a solution show the documented output as the expected one, and no other.
        #expect(
            html.contains(
                "<div class=\"output-label\">expected output</div><pre class=\"stdout\">[[0.25       0.10499359]]\n</pre>"
            ))
        #expect(
            html.contains(
                "<div class=\"output-label\">expected output</div><pre class=\"stdout\">[[-0.125]\n [-0.25 ]]\n</pre>"))
        #expect(html.components(separatedBy: "expected output</div>").count - 1 == 3)
        #expect(html.components(separatedBy: "<section class=\"cell cell-exercise\"").count - 1 == 4)
        #expect(!html.contains("eval=false"))
        // The cells that don't need one ran.
        #expect(html.contains("<pre class=\"stdout\">loss: 0.125\n</pre>"))
    }

    @Test func anExerciseShowsTheFigureTheSolutionDrewAsExpectedWhateverFiguresSays() throws {
        let notebook = Fixture.path("handout/plot-exercise.md")
        let student = try nbrun("render", notebook, "--variant", "student", "-o", "-")
        #expect(student.status == 0, "\(student.stderr)")
        let html = try #require(Self.body(student.stdout))
        // The printed part of the documented output, not the figure's data (a dump of its series).
        #expect(
            html.contains("<div class=\"output-label\">expected output</div><pre class=\"stdout\">plotted 50\n</pre>"))
        #expect(!html.contains("figure 1:") && !html.contains("0.7962438341705506"))
        // The solution's figures, one per exercise, marked as expected: figures=check's and figures=false's.
        let expected = html.components(separatedBy: "<figure class=\"nbrun-figure expected\">").dropFirst()
        #expect(expected.count == 2)
        for (figure, title) in zip(expected, ["Loss", "Losses"]) {
            #expect(figure.hasPrefix("\n<div class=\"output-label\">expected figure</div>\n<svg "))
            #expect(figure.contains("<title>\(title)</title>"))
            #expect(figure.contains("<figcaption>Expected: \(title)</figcaption>"))
        }
        #expect(expected.first?.contains("6×10") == true)  // the log axis the solution set
        // The key shows the figure it drew with figures=check, and not the one with figures=false.
        let key = try #require(Self.body(try nbrun("render", notebook, "-o", "-").stdout))
        #expect(key.components(separatedBy: "<figure class=\"nbrun-figure\">").count - 1 == 1)
        #expect(!key.contains("expected"))
        // In Markdown, the expected figures are images beside the report.
        let markdown = try nbrun("render", notebook, "--variant", "student", "--to", "md", "-o", "-").stdout
        #expect(markdown.contains("![Expected: Loss](data:image/svg+xml;base64,"))
        #expect(markdown.contains("![Expected: Losses](data:image/svg+xml;base64,"))
    }

    @Test func theKeyHasEverySolutionAndNoMarkers() throws {
        let result = try nbrun("render", Self.notebook, "-o", "-", in: Fixture.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(Self.notebook): 6 cells ok"))
        for line in Self.solutionCode { #expect(Self.text(result.stdout).contains(line), "\(line)") }
        for marker in ["BEGIN SOLUTION", "END SOLUTION", "Your code here", "expected output"] {
            #expect(!result.stdout.contains(marker), "\(marker)")
        }
        #expect(result.stdout.contains("<pre class=\"stdout\">[[-0.125]\n [-0.25 ]]\n</pre>"))
        // --variant solution is the default.
        let explicit = try nbrun(
            "render", Self.notebook, "--variant", "solution", "--to", "md", "-o", "-", in: Fixture.packageRoot)
        let implicit = try nbrun("render", Self.notebook, "--to", "md", "-o", "-", in: Fixture.packageRoot)
        #expect(explicit.stdout == implicit.stdout)
    }

    @Test func theStudentMarkdownSaysExpectedOutput() throws {
        let result = try nbrun(
            "render", Self.notebook, "--variant", "student", "--to", "md", "-o", "-", "--clean",
            in: Fixture.packageRoot)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "print(gradient(at: w))\n```\n\nExpected output:\n\n```text\n[[-0.125]\n [-0.25 ]]\n```\n"))
        #expect(!result.stdout.contains("✓ matches"))
    }

    @Test func bothVersionsOfEveryNotebookIntoFolders() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebooks = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.packageRoot.appendingPathComponent("notebooks").path
        )
        .filter { $0.hasSuffix(".md") }.sorted().map { "notebooks/" + $0 }
        for (variant, name) in [("student", "handouts/"), ("solution", "keys/")] {
            let result = try nbrun(
                ["render"] + notebooks + ["--variant", variant, "-o", folder.path + "/" + name],
                in: Fixture.packageRoot)
            #expect(result.status == 0, "\(result.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)
                .sorted()
            // Every handout, and the folder's index of them.
            #expect(
                written
                    == (notebooks.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent + ".html" }
                    + ["index.html"]).sorted())
        }
        let handout = try String(
            contentsOf: folder.appendingPathComponent("handouts/neuron-exercise.html"), encoding: .utf8)
        let key = try String(contentsOf: folder.appendingPathComponent("keys/neuron-exercise.html"), encoding: .utf8)
        #expect(!Self.text(handout).contains("return s * (1 - s)"))
        #expect(Self.text(key).contains("return s * (1 - s)"))
        // A notebook without solutions is the same in both.
        let backprop = try ["handouts", "keys"].map {
            Self.body(try String(contentsOf: folder.appendingPathComponent("\($0)/backprop.html"), encoding: .utf8))
        }
        #expect(backprop[0] != nil && backprop[0] == backprop[1])
    }

    @Test func besideTheNotebookTheStudentVersionDoesNotReplaceTheKey() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("lesson.md")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent(Self.notebook), to: copy)
        #expect(try nbrun("render", copy.path, "--variant", "student").status == 0)
        #expect(try nbrun("render", copy.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lesson.student.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("lesson.html").path))
    }

    @Test func checkTypeChecksTheStudentVersionAndRunsTheKey() throws {
        let student = try nbrun("check", "--variant", "student", Self.notebook, in: Fixture.packageRoot)
        #expect(student.status == 0, "\(student.stderr)")
        #expect(student.stdout == "\(Self.notebook): the student version type-checks (it has 4 exercise cells)\n")
        let key = try nbrun("check", Self.notebook, in: Fixture.packageRoot)
        #expect(key.status == 0)
        #expect(key.stdout.contains("\(Self.notebook): 4 passed, 0 failed, 0 errored, 0 unchecked"))
    }

    /// The project's own notebooks, as a course would hand them out: each student version
    /// type-checks. (`InstallTests` checks every notebook's documented outputs, shard by shard.)
    @Test func everyProjectNotebooksStudentVersionTypeChecks() throws {
        let notebooks = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.packageRoot.appendingPathComponent("notebooks").path
        ).filter { $0.hasSuffix(".md") }.sorted().map { "notebooks/\($0)" }
        #expect(notebooks.count >= 7)
        let result = try nbrun(["check", "--variant", "student"] + notebooks, in: Fixture.packageRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == notebooks.count)
        for (line, notebook) in zip(lines, notebooks) {
            #expect(line.hasPrefix("\(notebook): the student version type-checks ("))
        }
        #expect(
            result.stderr.contains(
                "nbrun check --variant student: \(notebooks.count) notebooks, \(notebooks.count) type-check, 0 don't\n")
        )
    }

    @Test(arguments: [["--junit", "j.xml"], ["--strict"], ["--repeat", "2"]])
    func flagsAboutOutputsAreRefusedWithTheStudentVersion(flag: [String]) throws {
        let result = try nbrun(["check", "--variant", "student"] + flag + [Self.notebook], in: Fixture.packageRoot)
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(flag[0]) is about outputs, which --variant student doesn't run"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aStubThatDoesNotTypeCheckFailsAtTheNotebooksLine() throws {
        let file = Fixture.path("handout/bad-stub.md")
        let result = try nbrun("check", "--variant", "student", file)
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                \(file):13:7: error: cannot find 'answer' in scope
                print(answer)
                      ^
                \(file): the student version does not type-check: 1 error

                """)
        // The notebook itself is fine: the markers are comments.
        #expect(try nbrun("check", file).status == 0)
    }

    @Test func anUnpairedMarkerStopsTheStudentVersion() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("u.md")
        try "# U\n\n```swift-cell\n// BEGIN SOLUTION\nlet a = 1\n```\n".write(
            to: file, atomically: true, encoding: .utf8)
        for arguments in [
            ["render", file.path, "--variant", "student", "-o", "-"], ["check", "--variant", "student", file.path]
        ] {
            let result = try nbrun(arguments)
            #expect(result.status == 2)
            #expect(
                result.stderr.hasPrefix(
                    "\(file.path):4: error: // BEGIN SOLUTION without // END SOLUTION before the cell ends\n"))
        }
    }
}
