extension RunModels {
    /// Fresh models for `record` with the statistics its encoder needs fitted on `train`: the state's per entry and,
    /// when the encoder reads lidar, the ranges' per ray.
    public convenience init(record: RunRecord, fittedTo train: EpisodeData) {
        var lidarNormalizer: Normalizer?
        if record.config.input.readsLidar {
            guard let lidar = train.lidar else { preconditionFailure("RunModels: the encoder reads lidar and the data has none") }
            lidarNormalizer = Normalizer(fitting: lidar)
        }
        self.init(record: record, stateNormalizer: Normalizer(fitting: train.states), lidarNormalizer: lidarNormalizer)
    }
}
