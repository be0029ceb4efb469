import Testing

@testable import NBRuntime

extension Unit {
    @Suite("NetworkState")
    struct NetworkStateTests {
        @Test("dynamic members, subscripts and scalars")
        func access() {
            let net = NetworkState()
            net.w1 = Tensor([[0.5, -0.5]])
            net.lr = 0.1
            #expect(net.w1 == Tensor([[0.5, -0.5]]))
            #expect(net.scalar("lr") == 0.1)
            #expect(net.lr.rank == 0)
            #expect(net["w1"]?.shape == [1, 2])
            #expect(net["missing"] == nil)
            #expect(net.names == ["w1", "lr"])
            net["w1"] = nil
            #expect(net["w1"] == nil)
            #expect(net.names == ["lr"])
        }

        @Test("a missing name's message lists the known names")
        func missingMessage() {
            #expect(
                NetworkState.missingMessage("w1", known: ["w2", "lr"]) == "net: no tensor named 'w1'; known: w2, lr")
            #expect(NetworkState.missingMessage("w1", known: []) == "net: no tensor named 'w1'; known: none")
        }

        @Test("record reports only new or changed values, comparing bits")
        func recordDetectsChanges() {
            let net = NetworkState()
            #expect(net.record("a", Tensor([1.0, .nan])))
            #expect(!net.record("a", Tensor([1.0, .nan])))  // nan == nan bitwise: unchanged
            #expect(net.record("a", Tensor([1.0, .nan, 2.0])))  // shape changed
            #expect(net.record("z", [0.0]))
            #expect(net.record("z", [-0.0]))  // different bits
            #expect(!net.record("z", [-0.0]))
        }

        @Test("changes are attributed to the cell that made them")
        func cellAttribution() {
            let net = NetworkState()
            #expect(net.currentCell == 0)
            net.currentCell = 1
            net.w = [1.0]
            net.b = [0.0]
            net.currentCell = 2
            net.b = [0.0]  // unchanged: stays with cell 1
            net.loss = 0.25
            net.w = [2.0]
            net.w = [3.0]  // changed twice: listed once, with the value the cell left
            #expect(net.cell(of: "w") == 2)
            #expect(net.cell(of: "b") == 1)
            #expect(net.cell(of: "nope") == nil)
            let cell2 = net.changes(in: 2)
            #expect(cell2.map(\.name) == ["loss", "w"])
            #expect(cell2.map(\.value) == [Tensor(0.25), Tensor([3.0])])
            let cell1 = net.changes(in: 1)
            #expect(cell1.map(\.name) == ["w", "b"])
            #expect(cell1.first?.value == Tensor([1.0]))  // as cell 1 left it
            #expect(net.changes(in: 3).isEmpty)
        }
    }
}
