import Foundation
import Simulation
import TensorCore
import Trajectories

extension EpisodeData {
    /// Reads the episodes of `split` into memory: states, lidar ranges when recorded, and images (pooled by `pooling`)
    /// when `pixels` is true.
    public init(dataset: Dataset, split: DatasetSplit, pixels: Bool, pooling: Int, signature: DataSignature) throws {
        try self.init(dataset: dataset, episodes: dataset.episodeIndices(split: split), pixels: pixels, pooling: pooling,
                      signature: signature)
    }

    /// Reads the episodes numbered `indices` into memory, in that order (as `init(dataset:split:...)` does a split's).
    public init(dataset: Dataset, episodes indices: [Int], pixels: Bool, pooling: Int, signature: DataSignature) throws {
        let steps = dataset.stepsPerEpisode
        let frames = indices.count * (steps + 1)
        let lidarWidth = signature.observation(.lidar)?.width
        var states = [Float](), actions = [Float](), raw = [UInt8](), lidar = [Float]()
        states.reserveCapacity(frames * signature.stateSize)
        lidar.reserveCapacity(frames * (lidarWidth ?? 0))
        for index in indices {
            let episode = try dataset.episode(index)
            try dataset.checkValues(of: episode)
            states += episode.state.storage
            actions += episode.actions.storage
            if pixels {
                guard let frames = episode.pixels else {
                    throw RunError.missing(path: dataset.url.path, what: "episode \(index) has no pixels (field observations.pixels)")
                }
                raw += frames
            }
            if lidarWidth != nil {
                guard let ranges = episode.lidar else {
                    throw RunError.missing(path: dataset.url.path, what: "episode \(index) has no lidar (field observations.lidar)")
                }
                lidar += ranges.storage
            }
        }
        self.init(episodeCount: indices.count, steps: steps,
                  states: Matrix(rows: frames, cols: signature.stateSize, elements: states),
                  actions: Matrix(rows: indices.count * steps, cols: signature.actionSize, elements: actions),
                  rawPixels: pixels ? raw : nil, pixelSide: signature.pixelSide, pooling: pooling,
                  lidar: lidarWidth.map { Matrix(rows: frames, cols: $0, elements: lidar) }, bodies: signature.bodies)
    }
}
