import TensorCore

extension ShardLayout {
    /// Packs `episodes` (already checked against `manifest`) into the tensors of `shard`.
    ///
    /// The archive's `__metadata__` records the format, its version, the world and the
    /// shard's first episode, so a lone shard still says what it is.
    static func archive(of episodes: [EpisodeRecord], shard: DatasetManifest.Shard,
                        manifest: DatasetManifest) -> SafetensorsArchive {
        let specs = tensors(of: manifest, episodes: episodes.count)
        let shape = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.shape) })
        var archive = SafetensorsArchive(metadata: [
            "format": "foresight-dataset-shard",
            "format_version": String(manifest.formatVersion),
            "world": manifest.world,
            "first_episode": String(shard.firstEpisode),
        ])
        archive[observationTensor(.state)] = Tensor(episodes.flatMap(\.state), shape: shape[observationTensor(.state)]!)
        if manifest.observation(.pixels) != nil {
            archive[observationTensor(.pixels)] = Tensor(episodes.flatMap { $0.pixels! }, shape: shape[observationTensor(.pixels)]!)
        }
        if manifest.observation(.lidar) != nil {
            archive[observationTensor(.lidar)] = Tensor(episodes.flatMap { $0.lidar! }, shape: shape[observationTensor(.lidar)]!)
        }
        archive[actions] = Tensor(episodes.flatMap(\.actions), shape: shape[actions]!)
        archive[rewards] = Tensor(episodes.flatMap(\.rewards), shape: shape[rewards]!)
        archive[contacts] = Tensor(episodes.flatMap(\.contacts), shape: shape[contacts]!)
        archive[terminated] = Tensor(episodes.flatMap(\.terminated), shape: shape[terminated]!)
        archive[episodeSeed] = Tensor(episodes.map { Int64(bitPattern: $0.seed) }, shape: shape[episodeSeed]!)
        return archive
    }
}
