import Foundation
import Simulation
import Trajectories

/// What a run was trained on: the dataset facts a model depends on.
///
/// Checked before training resumes, before evaluation and before a viewer rolls the models
/// (`RunRecord.checkCompatible(with:at:for:)`), so that a model is never fed observations of another shape.
public struct DataSignature: Sendable, Equatable {
    /// The world's name.
    public var world: String
    /// Each recorded observation kind's shape (and labels), by kind name, as in the dataset's manifest.
    public var observations: [String: DatasetManifest.Observation]
    /// The action dimension.
    public var actionSize: Int
    /// Bodies whose positions the state holds.
    public var bodies: [EpisodeData.BodyPositionColumns]
    /// Whether the world has the symmetries of the square (`WorldSpec.hasSquareSymmetry`); nil in runs
    /// recorded before this was noted, which counts as false.
    public var squareSymmetric: Bool?
    /// Whether the action is a target point in world coordinates (a pusher's); nil in runs recorded before
    /// this was noted, which counts as false.
    public var pointAction: Bool?
    /// Whether the action is a differential drive's left and right wheel speeds; nil in runs recorded before this was
    /// noted, which counts as false.
    public var wheelAction: Bool?

    public init(world: String, observations: [ObservationKind: DatasetManifest.Observation], actionSize: Int,
                bodies: [EpisodeData.BodyPositionColumns], squareSymmetric: Bool = false, pointAction: Bool = false,
                wheelAction: Bool = false) {
        self.world = world
        self.observations = Dictionary(uniqueKeysWithValues: observations.map { ($0.key.rawValue, $0.value) })
        self.actionSize = actionSize
        self.bodies = bodies
        self.squareSymmetric = squareSymmetric
        self.pointAction = pointAction
        self.wheelAction = wheelAction
    }

    /// The shape of observations of `kind`, or nil when the data has none.
    public func observation(_ kind: ObservationKind) -> DatasetManifest.Observation? {
        observations[kind.rawValue]
    }

    /// The state dimension.
    public var stateSize: Int { observation(.state)?.width ?? 0 }
    /// One label per state entry.
    public var stateLabels: [String] { observation(.state)?.labels ?? [] }
    /// The raw image side (0 when the data has no pixels).
    public var pixelSide: Int { observation(.pixels)?.shape.first ?? 0 }

    /// The bodies among `bodies` (name, whether an object) whose `<name>.x` and `<name>.y` are among `labels`.
    static func bodyColumns(labels: [String], bodies: [(name: String, isObject: Bool)]) -> [EpisodeData.BodyPositionColumns] {
        bodies.compactMap { body in
            guard let x = labels.firstIndex(of: "\(body.name).x"), let y = labels.firstIndex(of: "\(body.name).y") else { return nil }
            return EpisodeData.BodyPositionColumns(name: body.name, isObject: body.isObject, xColumn: x, yColumn: y)
        }
    }
}

extension DataSignature: Codable {
    enum CodingKeys: String, CodingKey {
        case world, observations, actionSize, bodies, squareSymmetric, pointAction, wheelAction
        /// Runs recorded before observations were kept by kind: the state's width and labels and the image side.
        case stateSize, stateLabels, pixelSide
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        world = try container.decode(String.self, forKey: .world)
        actionSize = try container.decode(Int.self, forKey: .actionSize)
        bodies = try container.decode([EpisodeData.BodyPositionColumns].self, forKey: .bodies)
        squareSymmetric = try container.decodeIfPresent(Bool.self, forKey: .squareSymmetric)
        pointAction = try container.decodeIfPresent(Bool.self, forKey: .pointAction)
        wheelAction = try container.decodeIfPresent(Bool.self, forKey: .wheelAction)
        if let observations = try container.decodeIfPresent([String: DatasetManifest.Observation].self, forKey: .observations) {
            self.observations = observations
        } else {
            let stateSize = try container.decode(Int.self, forKey: .stateSize)
            let labels = try container.decode([String].self, forKey: .stateLabels)
            let side = try container.decode(Int.self, forKey: .pixelSide)
            observations = [ObservationKind.state.rawValue: .init(shape: [stateSize], labels: labels)]
            if side > 0 { observations[ObservationKind.pixels.rawValue] = .init(shape: [side, side, 3]) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(world, forKey: .world)
        try container.encode(observations, forKey: .observations)
        try container.encode(actionSize, forKey: .actionSize)
        try container.encode(bodies, forKey: .bodies)
        try container.encodeIfPresent(squareSymmetric, forKey: .squareSymmetric)
        try container.encodeIfPresent(pointAction, forKey: .pointAction)
        try container.encodeIfPresent(wheelAction, forKey: .wheelAction)
    }
}
