/// One episode's complete state: the seed it was built from and where its physics is now.
///
/// The seed rebuilds the episode exactly (placement order, sizes, masses and frictions drawn for it,
/// Chipmunk's shape ids); the physics state and the robot's last command then put it where it was.
struct EpisodeState: Sendable {
    var seed: UInt64
    var physics: PhysicsState
    /// The last command, which the robot controller holds as its target (pusher) or wheel speeds (drive).
    var lastCommand: [Float]?
    var lidarRanges: [Float]
    var lidarRays: [LidarRay]
}

extension Episode {
    /// The episode's current state.
    func captureState() -> EpisodeState {
        EpisodeState(seed: seed, physics: world.captureState(), lastCommand: lastCommand,
                     lidarRanges: lidarRanges, lidarRays: lidarRays)
    }

    /// An episode rebuilt from `state.seed` and moved to `state`.
    convenience init(spec: WorldSpec, state: EpisodeState) {
        self.init(spec: spec, seed: state.seed)
        world.restore(state.physics)
        if let command = state.lastCommand {
            lastCommand = command
            robot.setAction(command)
        }
        lidarRanges = state.lidarRanges
        lidarRays = state.lidarRays
    }
}
