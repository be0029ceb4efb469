import Testing

@testable import NBRunKit

extension Unit {
    @Suite struct OutputMatcherTests {
        private let numbers = ComparisonRules.defaults

        private func matches(_ expected: String, _ actual: String, _ rules: ComparisonRules = .defaults) -> Bool {
            OutputMatcher.compare(expected: expected, actual: actual, rules: rules) == nil
        }

        @Test func precisionAsWritten() {
            #expect(matches("Loss: 0.1343", "Loss: 0.13434887664395717"))
            #expect(matches("Loss: 0.13435", "Loss: 0.13434887664395717"))
            #expect(!matches("Loss: 0.1344", "Loss: 0.13434887664395717"))
            #expect(!matches("Loss: 0.13434887664395717", "Loss: 0.1343"))  // the actual one may not be the shorter
            #expect(matches("[ 0.0365 -0.0365]", "[ 0.036545 -0.036545]"))
            #expect(matches("[0.08 0.05]", "[0.08055583 0.04885958]"))
        }

        @Test func relativeAndAbsoluteTolerance() {
            #expect(matches("x = 1.0000000001", "x = 1.0000000003"))  // 2e-10 apart, within rtol 1e-9
            #expect(
                matches("x = 1.000000001", "x = 1.000000002", ComparisonRules(match: .numbers, rtol: 1e-8, atol: 0)))
            #expect(
                !matches("x = 1.000000001", "x = 1.000000003", ComparisonRules(match: .numbers, rtol: 1e-9, atol: 0)))
            #expect(matches("x = 0.5", "x = 0.5000001", ComparisonRules(match: .numbers, rtol: 0, atol: 1e-6)))
            #expect(!matches("x = 0.500", "x = 0.502", ComparisonRules(match: .numbers, rtol: 0, atol: 1e-6)))
            // As written:
            #expect(matches("x = 0.5", "x = 0.502", ComparisonRules(match: .numbers, rtol: 0, atol: 1e-6)))
        }

        @Test func scientificNotation() {
            #expect(matches("1.23e-05", "1.2345678e-05"))
            #expect(!matches("1.24e-05", "1.2345678e-05"))
            #expect(matches("[1.e-05 2.e+10]", "[1.e-05 2.e+10]"))
            #expect(!matches("2.5e+10", "2.6e+10"))
        }

        @Test func negativeZeroNanAndInfinity() {
            #expect(matches("[-0.  1.]", "[ 0.  1.]"))
            #expect(matches("[nan inf -inf]", "[nan inf -inf]"))
            #expect(!matches("nan", "0.0"))
            #expect(!matches("inf", "-inf"))
            #expect(!matches("1.0", "nan"))
        }

        @Test func countAndShapeChangesAreMismatches() {
            let count = OutputMatcher.compare(expected: "[1. 2. 3.]", actual: "[1. 2.]", rules: numbers)
            #expect(count?.reason == "expected 3 numbers, got 2")
            #expect(!matches("[[1. 2.]\n [3. 4.]]", "[[1. 2. 3. 4.]]"))
            #expect(!matches("[[1. 2.]]", "[1. 2.]"))
        }

        @Test func textMustMatchOutsideNumbers() {
            let mismatch = OutputMatcher.compare(expected: "Loss: 0.5", actual: "Cost: 0.5", rules: numbers)
            #expect(mismatch?.reason == #"the text differs: expected "Loss: ", got "Cost: ""#)
            #expect(matches("w1 gradient: 0.5", "w1 gradient: 0.5"))
            #expect(!matches("w1 gradient: 0.5", "w2 gradient: 0.5"))  // the 1 in w1 is text
        }

        @Test func trailingSpacesAndFinalNewlineAreIgnored() {
            #expect(matches("a  \nb\n", "a\nb"))
            #expect(matches("a\nb", "a\nb\n\n", ComparisonRules(match: .exact, rtol: 0, atol: 0)))
            #expect(!matches("a\nb", "a\nc", ComparisonRules(match: .exact, rtol: 0, atol: 0)))
            #expect(!matches("0.5", "0.50", ComparisonRules(match: .exact, rtol: 0, atol: 0)))
        }

        @Test func ignoreAcceptsAnything() {
            #expect(matches("took 3 ms", "something else", ComparisonRules(match: .ignore, rtol: 0, atol: 0)))
        }

        @Test func failureNamesTheNumberBothValuesAndTolerance() {
            let mismatch = OutputMatcher.compare(
                expected: "Loss: 0.13435\nnext", actual: "Loss: 0.13535\nnext", rules: numbers)
            #expect(
                mismatch?.reason == "number 1 differs: expected 0.13435, got 0.13535 "
                    + "(|difference| 0.001 > atol 0 + rtol 1e-09 × 0.134)")
            #expect(mismatch?.line == 1)
            let shorter = OutputMatcher.compare(expected: "a\nLoss: 0.134", actual: "a\nLoss: 0.13535", rules: numbers)
            #expect(
                shorter?.reason == "number 1 differs: expected 0.134, got 0.13535 "
                    + "(|difference| 0.00135 > atol 0 + rtol 1e-09 × 0.134, and it does not round to the 3 decimals written)"
            )
            #expect(shorter?.line == 2)
        }

        @Test func tokenizerKeepsWordsAndNumbersApart() {
            let tokens = OutputToken.tokenize("w1: [ 1.5 -2.e-03] x2 information 3")
            #expect(tokens.map(\.written) == ["w1: [ ", "1.5", " ", "-2.e-03", "] x2 information ", "3"])
            #expect(
                OutputToken.tokenize("1.5 nan").compactMap { if case .number(_, let v) = $0 { v } else { nil } }
                    .map(\.isNaN) == [false, true])
        }
    }
}
