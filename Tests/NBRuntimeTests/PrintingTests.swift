import Testing

@testable import NBRuntime

extension Unit {
    @Suite("Printing matches numpy's str()")
    struct PrintingTests {
        @Test("every numpy-print.json case is byte-identical")
        func numpyFixtures() throws {
            let cases = try NumpyFixtures.printCases()
            #expect(cases.count > 200)
            var failures = 0
            for (index, fixture) in cases.enumerated() {
                let actual = fixture.tensor.description
                if actual != fixture.str {
                    failures += 1
                    if failures <= 10 {
                        Issue.record(
                            """
                            case \(index) shape \(fixture.shape) bits \(fixture.bits.prefix(8))
                            numpy: \(fixture.str.debugDescription)
                            swift: \(actual.debugDescription)
                            """)
                    }
                }
            }
            #expect(failures == 0, "\(failures) of \(cases.count) print cases differ")
        }

        @Test("the notebook's arrays print as in Python")
        func notebookArrays() {
            let w2: Tensor = [0.08055583, 0.04885958]
            #expect("\(w2)" == "[0.08055583 0.04885958]")
            #expect("\(Tensor([[1.0, 2.0], [3.0, 4.0]]))" == "[[1. 2.]\n [3. 4.]]")
            #expect("\(Tensor(3.0))" == "3.0")
            #expect("\(Tensor([-0.0]))" == "[-0.]")
        }

        @Test("precision-8 rounding uses the exact binary value; ties go to even")
        func tieRounding() {
            // 1/512 = 0.001953125 exactly: the 9th digit is a true tie -> even.
            #expect(Tensor([1.0 / 512]).description == "[0.00195312]")
            // 3/512 = 0.005859375 -> rounds to even 8 (0.00585938).
            #expect(Tensor([3.0 / 512]).description == "[0.00585938]")
        }

        @Test("Dragon4 gives the shortest unique digits")
        func shortestDigits() {
            #expect(FloatFormat.scalarText(0.1 + 0.2) == "0.30000000000000004")
            #expect(FloatFormat.scalarText(1e16) == "1e+16")
            #expect(FloatFormat.scalarText(5e-324) == "5e-324")
            #expect(FloatFormat.scalarText(0.13434887664395717) == "0.13434887664395717")
        }
    }
}
