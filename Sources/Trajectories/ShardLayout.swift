import Simulation
import TensorCore

/// The tensors of a shard file and the assignment of episodes to shards.
///
/// A shard holding `E` episodes of `T` steps has these tensors (safetensors, little-endian):
///
/// | name | dtype | shape | meaning |
/// | --- | --- | --- | --- |
/// | `obs.state` | F32 | `[E, T+1, D]` | state before step 0, after step 0, ... |
/// | `obs.pixels` | U8 | `[E, T+1, H, W, 3]` | RGB image, top row = far edge (+y) (when recorded) |
/// | `obs.lidar` | F32 | `[E, T+1, R]` | lidar ranges (when recorded) |
/// | `actions` | F32 | `[E, T, A]` | action applied at step t |
/// | `rewards` | F32 | `[E, T]` | reward of step t |
/// | `contacts` | U8 | `[E, T]` | 1 if the robot touched an object during step t |
/// | `terminated` | U8 | `[E, T]` | 1 if the environment reported termination at step t |
/// | `episode_seed` | I64 | `[E]` | the seed the episode's environment was reset with (bit pattern of a UInt64) |
public enum ShardLayout {
    /// One tensor a shard must hold.
    public struct TensorSpec: Equatable, Sendable {
        public let name: String
        public let dtype: DType
        public let shape: [Int]
    }

    /// The name of the actions tensor.
    public static let actions = "actions"
    /// The name of the rewards tensor.
    public static let rewards = "rewards"
    /// The name of the contacts tensor.
    public static let contacts = "contacts"
    /// The name of the termination tensor.
    public static let terminated = "terminated"
    /// The name of the per-episode reset seeds.
    public static let episodeSeed = "episode_seed"
    /// The default upper bound on a shard's size.
    public static let defaultShardBytes = 64 << 20

    /// The name of the observation tensor of `kind` (`obs.state`).
    public static func observationTensor(_ kind: ObservationKind) -> String {
        "obs.\(kind.rawValue)"
    }

    /// The file name of shard number `index` (`shard-00000.safetensors`).
    public static func fileName(shard index: Int) -> String {
        let digits = String(index)
        return "shard-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".safetensors"
    }

    /// The tensors a shard of `episodes` episodes must hold under `manifest`.
    public static func tensors(of manifest: DatasetManifest, episodes: Int) -> [TensorSpec] {
        let steps = manifest.stepsPerEpisode
        var specs: [TensorSpec] = manifest.observationKinds.map { kind in
            TensorSpec(name: observationTensor(kind), dtype: kind == .pixels ? .u8 : .f32,
                       shape: [episodes, steps + 1] + manifest.observation(kind)!.shape)
        }
        specs += [
            TensorSpec(name: actions, dtype: .f32, shape: [episodes, steps] + manifest.action.shape),
            TensorSpec(name: rewards, dtype: .f32, shape: [episodes, steps]),
            TensorSpec(name: contacts, dtype: .u8, shape: [episodes, steps]),
            TensorSpec(name: terminated, dtype: .u8, shape: [episodes, steps]),
            TensorSpec(name: episodeSeed, dtype: .i64, shape: [episodes]),
        ]
        return specs
    }

    /// The bytes one episode takes in a shard under `manifest`.
    public static func bytesPerEpisode(of manifest: DatasetManifest) -> Int {
        tensors(of: manifest, episodes: 1).reduce(0) { $0 + $1.shape.reduce(1, *) * $1.dtype.byteSize }
    }

    /// Splits `episodes` episodes into consecutive shards of `episodesPerShard` (the last may be shorter).
    ///
    /// Depends only on the two counts, so the same run gives the same files whatever the thread count.
    public static func plan(episodes: Int, episodesPerShard: Int) -> [DatasetManifest.Shard] {
        precondition(episodes > 0 && episodesPerShard > 0, "plan needs positive counts")
        return stride(from: 0, to: episodes, by: episodesPerShard).enumerated().map { index, first in
            DatasetManifest.Shard(file: fileName(shard: index), firstEpisode: first,
                                  episodes: min(episodesPerShard, episodes - first))
        }
    }

    /// The number of episodes per shard that keeps shards under `maximumBytes` (at least one).
    public static func episodesPerShard(bytesPerEpisode: Int, maximumBytes: Int = defaultShardBytes) -> Int {
        max(1, maximumBytes / max(1, bytesPerEpisode))
    }
}
