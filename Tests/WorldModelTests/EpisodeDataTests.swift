import Foundation
import TestSupport
import Testing
import Trajectories
@testable import WorldModel

/// `EpisodeData` read from a dataset folder: the split's episodes, in order, every value where it belongs.
@Suite struct EpisodeDataTests {
    @Test func readsEachSplitsEpisodesInOrderWithPooledImagesAndLidar() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try CodedDataset.write(to: folder.file("d"), episodes: 10, steps: 3)
        let dataset = try Dataset(url: folder.file("d"))
        let signature = try DataSignature(manifest: dataset.manifest, path: dataset.url.path)
        #expect(signature.bodies.map(\.name) == ["robot", "box"])
        #expect(signature.observation(.pixels)?.shape == [4, 4, 3] && signature.observation(.lidar)?.shape == [3])
        for split in DatasetSplit.allCases {
            let episodes = dataset.episodeIndices(split: split)
            let data = try EpisodeData(dataset: dataset, split: split, pixels: true, pooling: 2, signature: signature)
            #expect(data.episodeCount == episodes.count && data.steps == 3 && data.frameSide == 2)
            #expect(Set(data.observations.keys) == [.state, .pixels, .lidar])
            for (position, e) in episodes.enumerated() {
                for t in 0...3 {
                    let frame = data.frame(episode: position, step: t)
                    #expect(data.states.row(frame) == (0..<4).map { CodedDataset.state(e, t, $0) })
                    #expect(data.positions.row(frame) == (0..<4).map { CodedDataset.state(e, t, $0) })
                    #expect(data.lidar?.row(frame) == (0..<3).map { CodedDataset.lidar(e, t, $0) })
                    let pooled = data.pixelRows(frames: [frame])
                    for y in 0..<2 {
                        for x in 0..<2 {
                            for c in 0..<3 {
                                let total = [(0, 0), (0, 1), (1, 0), (1, 1)].reduce(0) { sum, offset in
                                    sum + Int(CodedDataset.pixel(e, t, ((2 * y + offset.0) * 4 + 2 * x + offset.1) * 3 + c))
                                }
                                let expected = Float((total + 2) / 4) * (2 / 255) - 1
                                #expect(pooled[y * 2 + x, c] == expected, "episode \(e) step \(t) pixel (\(x), \(y)) channel \(c)")
                            }
                        }
                    }
                }
                for t in 0..<3 {
                    #expect(data.actions.row(data.transition(episode: position, step: t)) == (0..<2).map { CodedDataset.action(e, t, $0) })
                }
            }
        }
    }

    @Test func aNonFiniteStateIsRefusedNamingTheShardTensorAndEpisode() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try CodedDataset.write(to: folder.file("d"), episodes: 10, steps: 3, poisoned: 4)
        let dataset = try Dataset(url: folder.file("d"), verifyChecksums: true)
        let signature = try DataSignature(manifest: dataset.manifest, path: dataset.url.path)
        let split = try #require(DatasetSplit.allCases.first { dataset.episodeIndices(split: $0).contains(4) })
        #expect(throws: DatasetError(path: dataset.shardURL(holding: 4).path, field: "obs.state",
                                     reason: "episode 4 holds a value that is not a finite number (NaN or infinity)")) {
            try EpisodeData(dataset: dataset, split: split, pixels: false, pooling: 1, signature: signature)
        }
        #expect(dataset.shardURL(holding: 4).lastPathComponent == "shard-00001.safetensors")
    }

    @Test func imagesAreLeftOutUnlessAskedFor() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try CodedDataset.write(to: folder.file("d"), episodes: 4, steps: 2)
        let dataset = try Dataset(url: folder.file("d"))
        let data = try EpisodeData(dataset: dataset, split: .train, pixels: false, pooling: 2,
                                   signature: DataSignature(manifest: dataset.manifest, path: dataset.url.path))
        #expect(Set(data.observations.keys) == [.state, .lidar])
        #expect(data.pixels == nil && data.frameSide == 0)
    }
}
