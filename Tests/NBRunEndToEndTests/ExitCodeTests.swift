import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The exit codes and messages of the built nbrun for bad input and usage errors.
@Suite struct ExitCodeTests {
    @Test func missingFileIsBadInput() throws {
        let result = try nbrun("render", "no/such/notebook.md")
        #expect(result.status == 2)
        #expect(result.stderr == "nbrun: error: no/such/notebook.md: no such file\n")
    }

    @Test func directoryIsBadInput() throws {
        let result = try nbrun("render", "notebooks", in: Fixture.packageRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains("notebooks: is a directory"))
    }

    @Test func unknownCellOptionIsBadInputAtItsLine() throws {
        let file = Fixture.path("bad-option.md")
        let result = try nbrun("render", file, "-o", "-")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):7: error: unknown cell option 'colour'"))
        #expect(result.stdout.isEmpty)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try nbrun("render", "--to", "docx", "x.md").status == 64)
        #expect(try nbrun("render").status == 64)
        #expect(try nbrun("--no-such-flag").status == 64)
    }

    @Test func versionAndHelp() throws {
        #expect(try nbrun("--version").stdout == NBRun.version + "\n")
        #expect(try nbrun("render", "--help").stdout.contains("--to <to>"))
    }
}
