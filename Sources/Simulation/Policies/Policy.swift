import TensorCore

/// Chooses the robot's actions: data collection, the viewer, a planner.
///
/// A policy is a value: whoever runs it copies it per episode, calls `reset(for:rng:)` at the start of
/// the episode, then `action(for:in:)` once per control step. Given the same stream and environment,
/// the actions are the same, so datasets do not depend on how episodes are spread over threads.
public protocol Policy: Sendable {
    /// The name datasets record (`manifest.json`'s `policy`) and the viewer shows.
    var name: String { get }

    /// Starts an episode of `environment` (already reset), drawing everything random from `rng`.
    ///
    /// Forgets earlier episodes: after a reset, the actions depend only on `rng` and the environment.
    mutating func reset(for environment: Environment, rng: RandomStream)

    /// The action for the current observation of `environment`, inside `environment.actionSpace`.
    mutating func action(for observation: Observation, in environment: Environment) -> [Float]

    /// A short line on what the policy is doing (a planner's time per plan), for the viewer's status bar; nil for none.
    var status: String? { get }
}

extension Policy {
    public var status: String? { nil }
}
