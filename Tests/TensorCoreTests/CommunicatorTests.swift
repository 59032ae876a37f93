import TensorCore
import Testing

@Suite("Communicator")
struct CommunicatorTests {
    @Test("one process owns every item, its share is the whole batch and the collectives leave values alone")
    func singleProcess() throws {
        let one: any Communicator = SingleProcess()
        #expect(one.isLeader)
        #expect(one.share(of: 7) == 0..<7)
        #expect(one.ownedCount(of: 3..<11) == 8)
        #expect(one.firstOwned(from: 3) == 3)
        #expect((0..<5).allSatisfy(one.owns))
        var floats: [Float] = [1.5, -2]
        try one.allreduceSum(&floats)
        #expect(floats == [1.5, -2])
        #expect(try one.allgather([1, 2, 3]) == [[1, 2, 3]])
        try one.requireIdentical(42, what: "weights")
    }
}
