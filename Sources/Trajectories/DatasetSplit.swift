import TensorCore

/// A part of a dataset, by episode: 80 % training, 10 % validation, 10 % test.
public enum DatasetSplit: String, CaseIterable, Sendable {
    case train, validation, test
}

extension Dataset {
    /// The episodes of `split`, ascending.
    ///
    /// Deterministic: depends only on the number of episodes. With fewer than three
    /// episodes everything is training data and the other splits are empty.
    public func episodeIndices(split: DatasetSplit) -> [Int] {
        splits[split] ?? []
    }

    /// Assigns `count` episodes to the splits with a fixed shuffle.
    ///
    /// Validation and test get a tenth each (rounded, at least one when `count >= 3`);
    /// training gets the rest.
    static func splitEpisodes(count: Int) -> [DatasetSplit: [Int]] {
        let heldOut = count >= 3 ? max(1, (count + 5) / 10) : 0
        var order = Array(0..<count)
        var rng = RandomStream(seed: 0x5B11_7D47_A5E7_0001)
        rng.shuffle(&order)
        return [
            .validation: order[0..<heldOut].sorted(),
            .test: order[heldOut..<(2 * heldOut)].sorted(),
            .train: order[(2 * heldOut)...].sorted(),
        ]
    }
}
