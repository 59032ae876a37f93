import Simulation

/// The description of a dataset folder: `manifest.json`, written after every shard.
///
/// A dataset is a folder holding `manifest.json` and `shard-00000.safetensors`, ...
/// Every shard holds a contiguous run of fixed-length episodes; see `ShardLayout` for
/// the tensors in a shard. The JSON keys are snake_case (`format_version`,
/// `steps_per_episode`, ...) so Python readers find the documented names.
public struct DatasetManifest: Codable, Equatable, Sendable {
    /// The format version this code writes and reads.
    public static let currentFormatVersion = 1
    /// The manifest's file name inside the dataset folder.
    public static let fileName = "manifest.json"

    /// One observation kind recorded at every time step.
    public struct Observation: Codable, Equatable, Sendable {
        /// The shape of one observation (`[D]`, `[H, W, 3]`, `[R]`).
        public var shape: [Int]
        /// One name per entry of a flat observation (`pusher.x`), when the world gives them.
        public var labels: [String]?

        public init(shape: [Int], labels: [String]? = nil) {
            self.shape = shape
            self.labels = labels
        }

        /// The number of scalars in one observation.
        public var width: Int { shape.reduce(1, *) }
    }

    /// The action space (a Gymnasium `Box`).
    public struct Action: Codable, Equatable, Sendable {
        public var shape: [Int]
        public var low: [Float]
        public var high: [Float]

        public init(shape: [Int], low: [Float], high: [Float]) {
            self.shape = shape
            self.low = low
            self.high = high
        }

        /// The number of scalars in one action.
        public var width: Int { shape.reduce(1, *) }
    }

    /// A body of the world, in the order the state lists them.
    public struct Body: Codable, Equatable, Sendable {
        public var name: String
        /// `robot` or `object`.
        public var role: String

        public init(name: String, role: String) {
            self.name = name
            self.role = role
        }
    }

    /// One shard file and the episodes it holds.
    public struct Shard: Codable, Equatable, Sendable {
        /// The file name inside the dataset folder.
        public var file: String
        /// The dataset-wide index of the shard's first episode.
        public var firstEpisode: Int
        /// How many episodes the shard holds.
        public var episodes: Int
        /// The CRC-32 of the whole shard file (zlib's, as Python's `zlib.crc32` computes it), when recorded.
        public var crc32: UInt32?

        public init(file: String, firstEpisode: Int, episodes: Int, crc32: UInt32? = nil) {
            self.file = file
            self.firstEpisode = firstEpisode
            self.episodes = episodes
            self.crc32 = crc32
        }

        /// The dataset-wide indices of the shard's episodes.
        public var episodeRange: Range<Int> { firstEpisode..<(firstEpisode + episodes) }

        enum CodingKeys: String, CodingKey {
            case file, episodes, crc32
            case firstEpisode = "first_episode"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            file = try container.decode(String.self, forKey: .file)
            firstEpisode = try container.decode(Int.self, forKey: .firstEpisode)
            episodes = try container.decode(Int.self, forKey: .episodes)
            // Decoded wide so that an out-of-range value is reported with its field.
            crc32 = try container.decodeIfPresent(Int64.self, forKey: .crc32).map { value in
                guard let checksum = UInt32(exactly: value) else {
                    throw DecodingError.dataCorruptedError(forKey: .crc32, in: container,
                                                           debugDescription: "expected an unsigned 32-bit checksum, found \(value)")
                }
                return checksum
            }
        }
    }

    /// The format version (`currentFormatVersion` when written by this code).
    public var formatVersion: Int
    /// The world's name (`push`).
    public var world: String
    /// The full world specification the episodes were simulated with.
    public var worldSpec: JSONValue
    /// The data-collection policy (`random`, `scripted`).
    public var policy: String
    /// The root seed; episode `i` used `RandomStream(seed: seed).split(i)`.
    public var seed: UInt64
    /// The number of episodes.
    public var episodes: Int
    /// The number of control steps per episode `T` (observations have `T + 1` time steps).
    public var stepsPerEpisode: Int
    /// The control time step in seconds.
    public var controlTimeStep: Double
    /// The recorded observation kinds by name (`state` always, `pixels`, `lidar`).
    public var observations: [String: Observation]
    /// The action space.
    public var action: Action
    /// The world's bodies.
    public var bodies: [Body]
    /// The shard files, in episode order.
    public var shards: [Shard]
    /// The fraction of control steps, over all episodes, in which the robot touched an object.
    public var contactFraction: Double

    public init(world: String, worldSpec: JSONValue, policy: String, seed: UInt64,
                episodes: Int, stepsPerEpisode: Int, controlTimeStep: Double,
                observations: [String: Observation], action: Action, bodies: [Body],
                shards: [Shard], contactFraction: Double = 0,
                formatVersion: Int = DatasetManifest.currentFormatVersion) {
        self.formatVersion = formatVersion
        self.world = world
        self.worldSpec = worldSpec
        self.policy = policy
        self.seed = seed
        self.episodes = episodes
        self.stepsPerEpisode = stepsPerEpisode
        self.controlTimeStep = controlTimeStep
        self.observations = observations
        self.action = action
        self.bodies = bodies
        self.shards = shards
        self.contactFraction = contactFraction
    }

    /// The observation kinds recorded, in `ObservationKind` order.
    public var observationKinds: [ObservationKind] {
        ObservationKind.allCases.filter { observations[$0.rawValue] != nil }
    }

    /// The index of the shard holding episode `episode` (which must be in `0..<episodes`).
    public func shardIndex(holding episode: Int) -> Int {
        precondition((0..<episodes).contains(episode), "episode \(episode) outside 0..<\(episodes)")
        var low = 0
        var high = shards.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if shards[middle].firstEpisode <= episode { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The recorded observation of `kind`, if any.
    public func observation(_ kind: ObservationKind) -> Observation? {
        observations[kind.rawValue]
    }

    enum CodingKeys: String, CodingKey {
        case world, policy, seed, episodes, observations, action, bodies, shards
        case formatVersion = "format_version"
        case worldSpec = "world_spec"
        case stepsPerEpisode = "steps_per_episode"
        case controlTimeStep = "control_dt"
        case contactFraction = "contact_fraction"
    }
}
