import Foundation
import TestSupport
import Testing
import TensorCore
@testable import Trajectories

@Suite("Dataset splits and batches")
struct DatasetBatchTests {
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

    @Test("transition batches pair o_t, a_t and o_{t+1} of one episode in the split")
    func transitions() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 20, steps: 6, episodesPerShard: 3, pixels: true)
        try SyntheticEpisodes.write(manifest, to: folder.file("d"))
        let dataset = try Dataset(url: folder.file("d"))
        var rng = RandomStream(seed: 3)
        for split in DatasetSplit.allCases {
            let batch = try dataset.transitions(split: split, batchSize: 64, rng: &rng)
            #expect(batch.observation.shape == [64, SyntheticEpisodes.stateWidth])
            #expect(batch.action.shape == [64, SyntheticEpisodes.actionWidth])
            #expect(batch.next.shape == [64, SyntheticEpisodes.stateWidth])
            let members = Set(dataset.episodeIndices(split: split))
            var times = Set<Int>()
            for row in 0..<64 {
                let code = Int(batch.observation[row, 0])
                let (episode, time) = (code / 1000, code % 1000)
                times.insert(time)
                #expect(members.contains(episode))
                #expect(time < 6)
                #expect(batch.observation.row(row) == (0..<4).map { SyntheticEpisodes.state(episode, time, $0) })
                #expect(batch.next.row(row) == (0..<4).map { SyntheticEpisodes.state(episode, time + 1, $0) })
                #expect(batch.action.row(row) == (0..<2).map { SyntheticEpisodes.action(episode, time, $0) })
            }
            #expect(times.count > 3, "start times vary")
        }
        var again = RandomStream(seed: 3)
        let first = try dataset.transitions(split: .train, batchSize: 64, rng: &again)
        var same = RandomStream(seed: 3)
        #expect(try dataset.transitions(split: .train, batchSize: 64, rng: &same).observation == first.observation)
    }

    @Test("pixel batches are flattened H*W*3 floats in [0, 1]")
    func pixelBatches() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 10, steps: 4, episodesPerShard: 4, pixels: true)
        try SyntheticEpisodes.write(manifest, to: folder.file("d"))
        let dataset = try Dataset(url: folder.file("d"))
        var rng = RandomStream(seed: 5)
        let pixels = try dataset.transitions(split: .train, observation: .pixels, batchSize: 16, rng: &rng)
        var check = RandomStream(seed: 5)
        let states = try dataset.transitions(split: .train, batchSize: 16, rng: &check)
        #expect(pixels.observation.shape == [16, 18])
        for row in 0..<16 {
            let code = Int(states.observation[row, 0])
            let (episode, time) = (code / 1000, code % 1000)
            #expect(pixels.observation.row(row) == (0..<18).map { Float(SyntheticEpisodes.pixel(episode, time, $0)) / 255 })
            #expect(pixels.next.row(row) == (0..<18).map { Float(SyntheticEpisodes.pixel(episode, time + 1, $0)) / 255 })
        }
        #expect(throws: DatasetError.self) { try dataset.transitions(split: .train, observation: .lidar, batchSize: 4, rng: &rng) }
    }

    @Test("k-step windows hold k+1 consecutive observations and k actions")
    func windows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 10, steps: 8, episodesPerShard: 3)
        try SyntheticEpisodes.write(manifest, to: folder.file("d"))
        let dataset = try Dataset(url: folder.file("d"))
        var rng = RandomStream(seed: 11)
        let batch = try dataset.windows(split: .train, length: 3, batchSize: 32, rng: &rng)
        #expect(batch.length == 3)
        #expect(batch.observations.count == 4 && batch.observations.allSatisfy { $0.shape == [32, 4] })
        #expect(batch.actions.count == 3 && batch.actions.allSatisfy { $0.shape == [32, 2] })
        for row in 0..<32 {
            let code = Int(batch.observations[0][row, 0])
            let (episode, time) = (code / 1000, code % 1000)
            #expect(time + 3 <= 8)
            for j in 0...3 { #expect(batch.observations[j][row, 1] == SyntheticEpisodes.state(episode, time + j, 1)) }
            for j in 0..<3 { #expect(batch.actions[j][row, 1] == SyntheticEpisodes.action(episode, time + j, 1)) }
        }
        let full = try dataset.windows(split: .validation, length: 8, batchSize: 2, rng: &rng)
        #expect(full.observations[0][0, 0].truncatingRemainder(dividingBy: 1000) == 0, "a full-length window starts at t = 0")
        #expect(throws: DatasetError.self) { try dataset.windows(split: .train, length: 9, batchSize: 2, rng: &rng) }
    }

    @Test("all transitions of a split, in order")
    func allTransitions() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let manifest = SyntheticEpisodes.manifest(episodes: 10, steps: 3, episodesPerShard: 4)
        try SyntheticEpisodes.write(manifest, to: folder.file("d"))
        let dataset = try Dataset(url: folder.file("d"))
        let test = dataset.episodeIndices(split: .test)
        let batch = try dataset.transitions(split: .test)
        #expect(batch.observation.shape == [test.count * 3, 4])
        for (position, episode) in test.enumerated() {
            for t in 0..<3 {
                #expect(batch.observation[position * 3 + t, 2] == SyntheticEpisodes.state(episode, t, 2))
                #expect(batch.next[position * 3 + t, 2] == SyntheticEpisodes.state(episode, t + 1, 2))
                #expect(batch.action[position * 3 + t, 0] == SyntheticEpisodes.action(episode, t, 0))
            }
        }
    }
}
