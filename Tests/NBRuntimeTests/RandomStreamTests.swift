import Foundation
import Testing

@testable import NBRuntime

extension Unit {
    /// numpy's legacy `RandomState` streams, replayed through `np.random`: every
    /// value must have numpy's bits (`numpy-random.json`, from
    /// `scripts/make-random-fixtures.py`).
    @Suite("np.random reproduces numpy's legacy stream bit for bit")
    struct RandomStreamTests {
        struct File: Decodable {
            var streams: [Stream]
        }

        struct Stream: Decodable {
            var seed: Int
            var calls: [Call]
        }

        struct Args: Decodable {
            var shape: [Int]?
            var size: [Int]?
            var low: Double?
            var high: Double?
            var loc: Double?
            var scale: Double?
            var n: Int?
            var a: Int?
            var replace: Bool?
            var p: [Double]?
            var x: ParityFixtures.Array?
            var seed: Int?
        }

        struct Call: Decodable {
            var fn: String
            var args: Args
            var result: ParityFixtures.Array
        }

        static func streams() throws -> [Stream] {
            guard
                let url = Bundle.module.url(
                    forResource: "numpy-random", withExtension: "json", subdirectory: "Fixtures")
            else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/numpy-random.json"])
            }
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).streams
        }

        /// Makes the call through `np.random` (a scalar result becomes a rank-0 tensor).
        static func perform(_ call: Call, seed: Int) -> Tensor {
            let a = call.args
            let r = np.random.self
            let p = a.p.map { Tensor($0) }
            switch call.fn {
            case "rand":
                return a.shape.map { r.rand($0[0], $0.count > 1 ? $0[1] : 1).reshape(Shape($0)) } ?? Tensor(r.rand())
            case "randn":
                return a.shape.map { shape in shape.count == 2 ? r.randn(shape[0], shape[1]) : r.randn(shape[0]) }
                    ?? Tensor(r.randn())
            case "standard_normal": return a.size.map { r.standard_normal(size: $0) } ?? Tensor(r.standard_normal())
            case "random_sample": return a.size.map { r.random_sample(size: $0) } ?? Tensor(r.random_sample())
            case "random": return r.random(size: a.size!)
            case "uniform":
                if let size = a.size { return r.uniform(low: a.low!, high: a.high!, size: size) }
                if let low = a.low { return Tensor(r.uniform(low: low, high: a.high!)) }
                return Tensor(r.uniform())
            case "normal":
                if let size = a.size { return r.normal(loc: a.loc!, scale: a.scale!, size: size) }
                if let loc = a.loc { return Tensor(r.normal(loc: loc, scale: a.scale!)) }
                return Tensor(r.normal())
            case "randint":
                let high = a.high.map { Int($0) }
                if let size = a.size { return r.randint(Int(a.low!), high, size: size) }
                return Tensor(r.randint(Int(a.low!), high))
            case "permutation": return r.permutation(a.n!)
            case "permutation_array": return r.permutation(a.x!.tensor)
            case "shuffle":
                var x = a.x!.tensor
                r.shuffle(&x)
                return x
            case "choice":
                if let size = a.size { return r.choice(a.a!, size: size, replace: a.replace ?? true, p: p) }
                return Tensor(r.choice(a.a!, replace: a.replace ?? true, p: p))
            case "choice_array":
                if let size = a.size { return r.choice(a.x!.tensor, size: size) }
                return r.choice(a.x!.tensor)
            case "seed_randn":
                r.seed(seed)
                return r.randn(3)
            case "state_randn": return np.random.RandomState(a.seed!).randn(2, 2)
            default: fatalError("unknown call \(call.fn)")
            }
        }

        @Test("seeds 0, 1 and 42 through every np.random function", arguments: [0, 1, 42])
        func stream(seed: Int) throws {
            let stream = try #require(try Self.streams().first { $0.seed == seed })
            #expect(stream.calls.count > 40)
            try np.random.$scope.withValue(RandomState()) {
                np.random.seed(seed)
                for (number, call) in stream.calls.enumerated() {
                    let actual = Self.perform(call, seed: seed)
                    let expected = call.result.tensor
                    #expect(
                        actual.dtype == expected.dtype && actual.shape == expected.shape,
                        "call \(number) \(call.fn): numpy \(expected.dtype)\(expected.shape), swift \(actual.dtype)\(actual.shape)"
                    )
                    let first = zip(actual.scalars, expected.scalars).enumerated()
                        .first { $0.element.0.bitPattern != $0.element.1.bitPattern }
                    try #require(
                        first == nil,
                        """
                        seed \(seed) call \(number) \(call.fn)\(call.args.shape ?? call.args.size ?? []): \
                        element \(first!.offset) numpy \(first!.element.1) swift \(first!.element.0)
                        """)
                }
            }
        }

        @Test("np.random.seed(0); np.random.randn(3, 2) prints numpy's numbers")
        func documentedExample() {
            np.random.$scope.withValue(RandomState()) {
                np.random.seed(0)
                #expect(
                    "\(np.random.randn(3, 2))" == """
                        [[ 1.76405235  0.40015721]
                         [ 0.97873798  2.2408932 ]
                         [ 1.86755799 -0.97727788]]
                        """)
            }
        }

        @Test("MT19937 matches the reference generator's first outputs")
        func mersenneTwister() {
            // Matsumoto & Nishimura's mt19937ar.c, init_by_array({0x123, 0x234, 0x345, 0x456}).
            var generator = MT19937(key: [0x123, 0x234, 0x345, 0x456])
            #expect(
                (0..<5).map { _ in generator.next32() } == [
                    1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476
                ])
            // std::mt19937 with the default seed 5489: the 10000th output is 4123659995.
            var standard = MT19937(seed: 5489)
            for _ in 1..<10000 { _ = standard.next32() }
            #expect(standard.next32() == 4_123_659_995)
        }
    }
}
