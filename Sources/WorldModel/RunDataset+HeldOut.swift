import Trajectories

extension RunDataset {
    /// The episodes a run recorded in `record` is evaluated on: the first `count` (all by default) of the held-out pool.
    ///
    /// The pool is the test split of the dataset the run was trained on. A dataset the run never saw (neither its
    /// folder nor its manifest is the one the record names) also lends its validation split, since no checkpoint was
    /// chosen on it; its training split stays for fitting the probe. Runs that record no dataset count as trained on
    /// this one. Throws `RunError.missing` when the pool holds fewer than `count`.
    public func heldOutEpisodes(for record: RunRecord, count: Int?) throws -> [Int] {
        let trainedOn = record.dataset?.names(reference) ?? true
        let pool = trainedOn ? dataset.episodeIndices(split: .test)
            : (dataset.episodeIndices(split: .validation) + dataset.episodeIndices(split: .test)).sorted()
        guard let count else { return pool }
        guard count <= pool.count else {
            let source = trainedOn ? "the test split of the dataset the run was trained on"
                : "the validation and test splits of a dataset the run was not trained on"
            throw RunError.missing(path: dataset.url.path, what: "\(count) test episodes asked for, but \(source) holds \(pool.count); "
                                   + "simulate a larger dataset with another seed and evaluate on it (--data DATASET)")
        }
        return Array(pool.prefix(count))
    }
}
