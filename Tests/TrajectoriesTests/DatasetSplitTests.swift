import Testing
@testable import Trajectories

@Suite("Dataset splits")
struct DatasetSplitTests {
    @Test("splits partition the episodes 80/10/10, deterministically")
    func splits() throws {
        let parts = Dataset.splitEpisodes(count: 100)
        let train = try #require(parts[.train]), validation = try #require(parts[.validation]), test = try #require(parts[.test])
        #expect((train.count, validation.count, test.count) == (80, 10, 10))
        #expect((train + validation + test).sorted() == Array(0..<100))
        #expect(train == train.sorted())
        #expect(Dataset.splitEpisodes(count: 100) == parts)
        #expect(validation != Array(80..<90), "episodes are shuffled into splits")
        let small = Dataset.splitEpisodes(count: 3)
        #expect((small[.train]!.count, small[.validation]!.count, small[.test]!.count) == (1, 1, 1))
        #expect(Dataset.splitEpisodes(count: 2)[.train] == [0, 1])
        #expect(Dataset.splitEpisodes(count: 2)[.test] == [])
    }
}
