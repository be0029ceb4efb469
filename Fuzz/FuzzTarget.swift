// libFuzzer target for nbrun's text pipeline: parse → plan → update.
//
// Built by Fuzz/run.sh together with the sources of NBRunKit (so NBRunKit gets coverage
// instrumentation) and Tests/NBRunKitTests/FuzzInvariants.swift, which holds the
// invariants checked here; the unit tests check the same ones on every notebook in the
// repository and on Fuzz/corpus. A broken invariant aborts, as a crash would.
//
// Fuzz/corpus/ holds inputs for the corners that once took quadratic time (a line of
// unclosed `$`, a cell of thousands of statements, thousands of unclosed `<!--`); run.sh
// runs each once first, under the same 10 s limit, before fuzzing.
//
// Known, unfixed bugs are skipped so that the fuzzer looks for new ones; set
// NBRUN_FUZZ_KNOWN_BUGS=1 to check them too (FuzzInvariants.swift lists them).

import Foundation

private let checkKnownBugs = ProcessInfo.processInfo.environment["NBRUN_FUZZ_KNOWN_BUGS"] == "1"

@_cdecl("LLVMFuzzerTestOneInput")
public func nbrunFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    do throws(BrokenInvariant) {
        try checkFuzzInvariants(on: text, checkKnownBugs: checkKnownBugs)
    } catch {
        FileHandle.standardError.write(Data("nbrun fuzz: \(error)\ninput: \(text.debugDescription)\n".utf8))
        abort()
    }
    return 0
}
