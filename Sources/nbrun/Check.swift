import ArgumentParser
import Foundation
import NBRunKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and compare each documented output with what the cell prints.",
        discussion: "Exit codes: 0 every output matched, 1 an output differed or a cell failed, 2 bad input, 64 usage.")

    @Flag(help: "Count cells that print something but document no output as failures.") var strict = false
    @Option(help: "Write JUnit XML here.") var junit: String?
    @Flag(help: "Reuse the outputs of cells marked cache=true from render's execution cache (default: run every cell).")
    var useCache = false
    @Option(help: "Run each notebook N times and fail cells whose output changes between runs.") var `repeat` = 1
    @Option(help: "solution: compare outputs; student: type-check the student versions.") var variant: Variant =
        .solution
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var options: RunOptions
    @OptionGroup var notebooks: Notebooks

    func validate() throws {
        if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
        let outputFlags = [(junit != nil, "--junit"), (strict, "--strict"), (`repeat` > 1, "--repeat")].filter(\.0)
        if variant == .student, let flag = outputFlags.first?.1 {
            throw ValidationError("\(flag) is about outputs, which --variant student doesn't run")
        }
    }

    func run() throws {
        let job = CheckJob(
            workbench: try options.workbench(executionCache: useCache), strict: strict, repeatCount: `repeat`,
            comparison: comparison.outputOptions, junit: junit,
            annotations: ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true", variant: variant)
        throw Console().finish(job.run(notebooks.files))
    }
}
