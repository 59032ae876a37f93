import Simulation
import TensorCore

/// One episode read back from a dataset.
public struct Episode: Sendable {
    /// The dataset-wide episode index.
    public let index: Int
    /// The seed the environment was reset with.
    public let seed: UInt64
    /// States, `[T + 1, D]`.
    public let state: Matrix
    /// RGB images, `(T + 1) * H * W * 3` bytes, when recorded.
    public let pixels: [UInt8]?
    /// Lidar ranges, `[T + 1, R]`, when recorded.
    public let lidar: Matrix?
    /// Actions, `[T, A]`.
    public let actions: Matrix
    /// Rewards, `T` values.
    public let rewards: [Float]
    /// Whether the robot touched an object during each step, `T` values.
    public let contacts: [Bool]
    /// Whether the environment reported termination at each step, `T` values.
    public let terminated: [Bool]
}

extension Dataset {
    /// Reads episode `index` (copying only its own elements out of its shard).
    public func episode(_ index: Int) throws -> Episode {
        let steps = manifest.stepsPerEpisode
        let all = 0..<(steps + 1)
        func observation(_ kind: ObservationKind) throws -> Matrix? {
            guard manifest.observation(kind) != nil else { return nil }
            let width = try observationWidth(kind)
            return Matrix(rows: steps + 1, cols: width,
                          elements: try read(ShardLayout.observationTensor(kind), episode: index,
                                             rowsPerEpisode: steps + 1, times: all, width: width))
        }
        func perStep<Element: TensorElement>(_ name: String, width: Int = 1, as type: Element.Type) throws -> [Element] {
            try read(name, episode: index, rowsPerEpisode: steps, times: 0..<steps, width: width, as: type)
        }
        let pixels: [UInt8]? = try manifest.observation(.pixels).map { entry in
            try read(ShardLayout.observationTensor(.pixels), episode: index, rowsPerEpisode: steps + 1,
                     times: all, width: entry.width, as: UInt8.self)
        }
        let actionWidth = manifest.action.width
        let seed = try read(ShardLayout.episodeSeed, episode: index, rowsPerEpisode: 1, times: 0..<1, width: 1, as: Int64.self)[0]
        return Episode(
            index: index,
            seed: UInt64(bitPattern: seed),
            state: try observation(.state)!,
            pixels: pixels,
            lidar: try observation(.lidar),
            actions: Matrix(rows: steps, cols: actionWidth,
                            elements: try perStep(ShardLayout.actions, width: actionWidth, as: Float.self)),
            rewards: try perStep(ShardLayout.rewards, as: Float.self),
            contacts: try perStep(ShardLayout.contacts, as: UInt8.self).map { $0 != 0 },
            terminated: try perStep(ShardLayout.terminated, as: UInt8.self).map { $0 != 0 })
    }
}
