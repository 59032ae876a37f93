/// A restorable capture of an environment's episode: everything its future depends on.
///
/// Holds the episode's seed (which rebuilds the world with the same shape ids and the same hidden
/// size, mass and friction draws), every body's raw Chipmunk state (position, angle, velocities,
/// forces, position-correction velocities), every joint's accumulated impulse and motor rate, the
/// cached contacts' impulses, the space's stamp and last time step, the robot's last command (the
/// pusher's target, the drive's wheel speeds), the step counter, the contact monitor and the last
/// lidar scan. Chipmunk's collision-pair cache is not captured; see `Environment.snapshot()` for
/// why restored copies still step bit-identically.
public struct EnvironmentSnapshot: Sendable {
    /// The world the snapshot was taken in.
    public let spec: WorldSpec
    /// Control steps since the episode's reset.
    public let stepCount: Int
    /// The seed the episode was reset with.
    public var episodeSeed: UInt64 { episode.seed }
    let episode: EpisodeState
}

extension Environment {
    /// Captures the episode and re-seats this environment on the capture.
    ///
    /// Chipmunk's spatial index keeps state no rebuilt space can take: its tree, whose traversal
    /// orders the colliding pairs (and so the solver), and per pair the features the last collision
    /// test ended on (where the next one starts). So the environment itself continues from a world
    /// rebuilt from the capture, exactly as `restore(_:)` builds one: from here on it and every
    /// environment restored from the snapshot step bit-identically with the same actions. The price:
    /// a run that takes a snapshot drifts from one that takes none (measured: body positions by up
    /// to 0.84 mm over the next 40 contact-rich steps of push-tee; `SnapshotTests`).
    public func snapshot() -> EnvironmentSnapshot {
        let state = episode.captureState()
        episode = Episode(spec: spec, state: state)
        return EnvironmentSnapshot(spec: spec, stepCount: stepCount, episode: state)
    }

    /// Continues from `snapshot`: the next `step` calls give what they give after `snapshot()`.
    ///
    /// - Returns: the observation at the snapshot.
    /// - Throws: `EnvironmentError.snapshotWorld` when the snapshot was taken in another world.
    @discardableResult
    public func restore(_ snapshot: EnvironmentSnapshot) throws -> Observation {
        guard snapshot.spec == spec else {
            throw EnvironmentError.snapshotWorld(snapshot: snapshot.spec.name, environment: spec.name)
        }
        episode = Episode(spec: spec, state: snapshot.episode)
        stepCount = snapshot.stepCount
        return observe()
    }
}
