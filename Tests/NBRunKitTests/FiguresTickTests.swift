import Foundation
import NBRuntime
import Testing

@testable import NBRunKit

extension Unit {
    /// Tick positions and labels. Every expectation is derived by hand in the comment above
    /// it, from matplotlib's documented rules (MaxNLocator with steps 1, 2, 2.5, 5, 10 and at
    /// most 9 intervals; data limits widened by 5%; a single value widened by 5%; LogLocator
    /// with one major tick per power of ten), not copied from the writer's output.
    @Suite struct FiguresTickTests {
        func labels(_ view: AxisView, bins: Int = 9) -> [String] {
            AxisTicks(view: view, bins: bins).ticks.compactMap { $0.label?.plainText }
        }

        func corner(_ view: AxisView, bins: Int = 9) -> String? {
            AxisTicks(view: view, bins: bins).corner?.plainText
        }

        static func linear(_ start: Double, _ end: Double) -> AxisView {
            AxisView(scale: .linear, start: start, end: end)
        }

        static func autoscaled(_ data: [Double], scale: Figure.Scale = .linear) -> AxisView {
            AxisView.autoscaled(scale: scale, data: data, sticky: [], limits: Figure.Limits())
        }

        @Test("0…1: a range of 1 over 9 intervals needs steps of at least 0.111, so 0.2")
        func unitRange() {
            #expect(labels(Self.linear(0, 1)) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        }

        @Test("labels carry no float noise: 3 × 0.1 is 0.30000000000000004 but reads 0.3")
        func noFloatNoise() {
            // 0.7 over 7 intervals: steps of 0.1, the ticks computed as k × 0.1.
            let values = TickLocator(bins: 7).ticks(from: 0, to: 0.7)
            #expect(values.contains(0.30000000000000004), "the raw ticks have the noise this test is about")
            #expect(labels(Self.linear(0, 0.7), bins: 7) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        }

        @Test("−1…1: 2/9 = 0.22 rounds up to steps of 0.25, with true minus signs")
        func negativeRange() {
            #expect(
                labels(Self.linear(-1, 1)) == [
                    "−1.00", "−0.75", "−0.50", "−0.25", "0.00", "0.25", "0.50", "0.75", "1.00"
                ])
        }

        @Test("a single value 5 widens to 4.75…5.25, then 5% margins to 4.725…5.275; steps of 0.1")
        func singleValue() {
            let view = Self.autoscaled([5])
            #expect(abs(view.start - 4.725) < 1e-12 && abs(view.end - 5.275) < 1e-12)
            #expect(labels(view) == ["4.8", "4.9", "5.0", "5.1", "5.2"])
        }

        @Test("a single 0 widens to ±0.05, then ±0.055; 0.11/9 = 0.0122 rounds up to steps of 0.02")
        func singleZero() {
            #expect(labels(Self.autoscaled([0])) == ["−0.04", "−0.02", "0.00", "0.02", "0.04"])
        }

        @Test("1e-4…3e-4 becomes 0.9e-4…3.1e-4; 2.2e-4/9 = 2.4e-5 rounds up to 2.5e-5; labels in units of 10⁻⁴")
        func tinyRange() {
            let view = Self.autoscaled([1e-4, 2e-4, 3e-4])
            #expect(labels(view) == ["1.00", "1.25", "1.50", "1.75", "2.00", "2.25", "2.50", "2.75", "3.00"])
            #expect(corner(view) == "×10^−4")
        }

        @Test("−0.5…1e6 becomes −50000.5…1.05e6; 1.1e6/9 = 122222 rounds up to 2e5; labels in units of 10⁶")
        func wideRange() {
            let view = Self.autoscaled([-0.5, 1e6])
            #expect(labels(view) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
            #expect(corner(view) == "×10^6")
        }

        @Test("1000000…1000001 shares its leading digits: ticks count from an offset of 10⁶ in steps of 0.2")
        func offsetRange() {
            let view = Self.linear(1_000_000, 1_000_001)
            #expect(labels(view) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
            #expect(corner(view) == "+10^6")
        }

        @Test("an empty axis shows 0…1, as matplotlib's empty axes do; non-finite data is ignored")
        func emptyAxis() {
            #expect(Self.autoscaled([]) == Self.linear(0, 1))
            #expect(Self.autoscaled([.nan, .infinity, -.infinity]) == Self.linear(0, 1))
            let view = Self.autoscaled([.nan, 1, .infinity, 3])
            #expect(abs(view.start - 0.9) < 1e-12 && abs(view.end - 3.1) < 1e-12)
        }

        @Test(
            "Python's divmod on floats, which the locator's arithmetic follows: divmod(1, 0.1) == (9.0, 0.09999999999999995)"
        )
        func pythonDivmod() {
            let (quotient, remainder) = TickLocator.floorDivMod(1, 0.1)
            #expect(quotient == 9 && remainder == 0.09999999999999995)
            #expect(TickLocator.floorDivMod(-0.5, 0.2).0 == -3)
        }

        // MARK: - Log axes

        @Test("log 1…1000: a major tick at each power of ten, labelled 10ⁿ, and 2…9 × each power unlabelled")
        func logDecades() {
            let ticks = AxisTicks(view: AxisView(scale: .log, start: 1, end: 1000), bins: 9).ticks
            #expect(ticks.compactMap { $0.label?.plainText } == ["10^0", "10^1", "10^2", "10^3"])
            #expect(ticks.filter { $0.label == nil }.count == 3 * 8)
            #expect(ticks.filter { $0.label == nil }.map(\.value).prefix(3) == [2, 3, 4])
        }

        @Test("log 1e-300…1e300: 600 decades over 9 intervals, a power every 600/9 + 1 = 67, counted from 10⁻³⁶⁷")
        func logManyDecades() {
            // matplotlib's LogLocator steps from floor(log10(vmin)) − stride, not from a multiple of the stride.
            let view = AxisView(scale: .log, start: 1e-300, end: 1e300)
            let expected = [-300, -233, -166, -99, -32, 35, 102, 169, 236].map { "10^" + TickFormat.minus(String($0)) }
            #expect(labels(view) == expected)
        }

        @Test("log 2…8 spans 0.6 decades: 2, 3, 4 and 6 are labelled, as m×10ⁿ like the powers of ten")
        func logWithinADecade() {
            #expect(labels(AxisView(scale: .log, start: 2, end: 8)) == ["2×10^0", "3×10^0", "4×10^0", "6×10^0"])
            // No 2…9 × 10ⁿ inside: evenly spaced ticks, every one labelled (0.14 decades).
            #expect(
                labels(AxisView(scale: .log, start: 2.1, end: 2.9)) == [
                    "2.1×10^0", "2.2×10^0", "2.3×10^0", "2.4×10^0", "2.5×10^0", "2.6×10^0", "2.7×10^0", "2.8×10^0",
                    "2.9×10^0"
                ])
        }

        @Test("log 0.27…1.1 (a loss curve): 3, 4 and 6 × 10⁻¹ are labelled beside 10⁰, in one notation")
        func logLossCurve() {
            let ticks = AxisTicks(view: AxisView(scale: .log, start: 0.27, end: 1.1), bins: 9).ticks
            #expect(ticks.compactMap { $0.label?.plainText } == ["3×10^−1", "4×10^−1", "6×10^−1", "10^0"])
            #expect(ticks.map(\.value) == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        }

        @Test("log 1e-3…1e3 spans 6 decades: only the 7 powers of ten are labelled, 2…9 × each are not")
        func logSixDecades() {
            let ticks = AxisTicks(view: AxisView(scale: .log, start: 1e-3, end: 1e3), bins: 9).ticks
            #expect(ticks.compactMap { $0.label?.plainText } == (-3...3).map { "10^" + TickFormat.minus(String($0)) })
            #expect(ticks.filter { $0.label == nil }.count == 6 * 8)
            // With room for 4 intervals only, every second power (matplotlib's stride 6/4 + 1 = 2).
            let few = AxisTicks(view: AxisView(scale: .log, start: 1e-3, end: 1e3), bins: 4).ticks
            #expect(few.compactMap { $0.label?.plainText } == ["10^−3", "10^−1", "10^1", "10^3"])
            #expect(few.allSatisfy { $0.label != nil })  // no minor ticks when powers are skipped
        }

        @Test("on a log axis a single value spans the powers of ten around it, and values ≤ 0 are ignored")
        func logAutoscale() {
            let view = Self.autoscaled([5, 0, -3], scale: .log)
            // (1, 10), then 5% of one decade on each side: 10^−0.05 … 10^1.05.
            #expect(abs(view.start - pow(10, -0.05)) < 1e-12 && abs(view.end - pow(10, 1.05)) < 1e-9)
        }

        // MARK: - Number formatting in the file

        @Test("coordinates have at most two decimals and never read nan or inf")
        func coordinates() {
            #expect(SVGWriter.number(0.1 + 0.2) == "0.3")
            #expect(SVGWriter.number(-0.004) == "0")
            #expect(SVGWriter.number(12.345) == "12.35" || SVGWriter.number(12.345) == "12.34")
            #expect(SVGWriter.number(-7.5) == "-7.5")
            #expect(SVGWriter.number(.nan) == "0" && SVGWriter.number(.infinity) == "0")
            #expect(SVGWriter.number(1e300) == "1000000")
        }
    }
}
