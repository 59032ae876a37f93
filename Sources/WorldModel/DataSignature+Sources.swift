import Simulation
import Trajectories

extension DataSignature {
    /// The signature of a dataset; throws if it has no state observation.
    public init(manifest: DatasetManifest, path: String) throws {
        guard var state = manifest.observation(.state) else {
            throw RunError.missing(path: path, what: "the dataset has no 'state' observation (field observations.state)")
        }
        let labels = state.labels ?? (0..<state.width).map { "state.\($0)" }
        state.labels = labels
        var observations = Dictionary(uniqueKeysWithValues: manifest.observationKinds.compactMap { kind in
            manifest.observation(kind).map { (kind, $0) }
        })
        observations[.state] = state
        let world = try? manifest.worldSpec.decode(as: WorldSpec.self)
        self.init(world: manifest.world, observations: observations, actionSize: manifest.action.width,
                  bodies: DataSignature.bodyColumns(labels: labels, bodies: manifest.bodies.map { ($0.name, $0.role == "object") }),
                  squareSymmetric: world?.hasSquareSymmetry ?? false, pointAction: world?.robot.takesTargetPoints ?? false,
                  wheelAction: world.map(DataSignature.drivesWheels) ?? false)
    }

    /// The signature of the data `environment` produces (what a viewer feeds a run's models).
    public init(environment: Environment) {
        var observations = environment.observationSpaces.mapValues { DatasetManifest.Observation(shape: $0.shape) }
        observations[.state] = .init(shape: [environment.stateLabels.count], labels: environment.stateLabels)
        self.init(world: environment.spec.name, observations: observations, actionSize: environment.actionSpace.low.count,
                  bodies: DataSignature.bodyColumns(labels: environment.stateLabels,
                                                    bodies: environment.bodies.map { ($0.name, $0.role == .object) }),
                  squareSymmetric: environment.spec.hasSquareSymmetry, pointAction: environment.spec.robot.takesTargetPoints,
                  wheelAction: DataSignature.drivesWheels(environment.spec))
    }

    /// Whether `spec`'s robot takes left and right wheel speeds (a differential drive).
    static func drivesWheels(_ spec: WorldSpec) -> Bool {
        if case .diffDrive = spec.robot { return true }
        return false
    }
}
