import Foundation
import TensorCore

extension Dataset {
    /// The largest magnitude a recorded state, lidar range or action may have.
    ///
    /// What a valid world produces is far smaller: tables are at most 20 m, speeds are capped at 100 m/s and
    /// 1000 rad/s, action bounds at the table's size and those caps. A value beyond the bound is damage or a body
    /// that escaped the simulation, and would swamp a model's normalisation.
    public static let valueBound: Float = 1e6

    /// Throws a `DatasetError` naming the shard, the tensor and the episode when `episode`'s states, lidar ranges or
    /// actions hold a value that is not finite or whose magnitude exceeds `valueBound`.
    public func checkValues(of episode: Episode) throws {
        let tensors: [(String, Matrix?)] = [(ShardLayout.observationTensor(.state), episode.state),
                                            (ShardLayout.observationTensor(.lidar), episode.lidar),
                                            (ShardLayout.actions, episode.actions)]
        for case let (name, values?) in tensors {
            let path = shardURL(holding: episode.index).path
            guard VectorReductions.allFinite(values.storage) else {
                throw DatasetError(path: path, field: name,
                                   reason: "episode \(episode.index) holds a value that is not a finite number (NaN or infinity)")
            }
            if let position = values.storage.firstIndex(where: { abs($0) > Self.valueBound }) {
                let column = position % values.cols
                let label = name == ShardLayout.observationTensor(.state)
                    ? manifest.observation(.state)?.labels.map { " (\($0[column]))" } ?? "" : ""
                throw DatasetError(path: path, field: name,
                                   reason: "episode \(episode.index) holds \(values.storage[position]) at step \(position / values.cols), "
                                       + "entry \(column)\(label), beyond ±" + String(format: "%g", Self.valueBound)
                                       + " (no valid world produces it)")
            }
        }
    }
}
