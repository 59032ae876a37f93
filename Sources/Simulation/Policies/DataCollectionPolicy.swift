import TensorCore

/// Chooses actions while collecting data; deterministic given its `RandomStream`.
public protocol DataCollectionPolicy {
    /// The action for the current observation of `environment` (inside `environment.actionSpace`).
    mutating func action(for observation: Observation, in environment: Environment) -> [Float]
}

/// The built-in data-collection policies (`teleop` is the viewer's).
public enum PolicyKind: String, Codable, Sendable, CaseIterable {
    /// Ornstein–Uhlenbeck-smoothed random actions within the action bounds.
    case random
    /// Go behind an object, push it toward a random point, repeat (mostly contact-rich transitions).
    case scripted

    /// A new policy of this kind for `spec`, drawing from `rng`.
    public func make(spec: WorldSpec, rng: RandomStream) -> any DataCollectionPolicy {
        switch self {
        case .random: return RandomPolicy(actionSpace: spec.actionSpace, rng: rng)
        case .scripted: return ScriptedPolicy(spec: spec, rng: rng)
        }
    }
}
