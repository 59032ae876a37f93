import TensorCore

/// Pushes objects around: go to a point behind an object, push it toward a random point, repeat.
///
/// Each push picks an object and a target point uniformly; the approach point lies behind the
/// object on the line from the target through it, and the push aims a little past the object. The policy steers the robot's tool
/// with `Environment.actionToward`, so it works for the pusher, the arm and the drive alike.
public struct ScriptedPolicy: Policy {
    private enum Phase {
        case approach(steps: Int)
        case push(steps: Int)
    }

    /// Push targets are drawn uniformly in this rectangle (centre, half size): the inner table, or
    /// for the arm a square around its base well inside its reach, so objects stay reachable.
    private var targetCenter = SIMD2<Double>.zero
    private var targetHalf = SIMD2<Double>.zero
    private var toolRadius = 0.0
    /// How far past the object's centre the tool aims while pushing (m).
    private let pushLead = 0.05
    private let approachSteps = 20
    private let pushSteps = 15
    private var rng = RandomStream(seed: 0)
    private var phase: Phase = .approach(steps: 0)
    private var object = 0
    private var target = SIMD2<Double>.zero

    /// A policy that chooses its pushes for the world it is reset in.
    public init() {}

    /// `scripted`.
    public var name: String { "scripted" }

    /// Fits the push targets and the tool size to `environment`'s world and starts with an approach.
    public mutating func reset(for environment: Environment, rng: RandomStream) {
        let spec = environment.spec
        switch spec.robot {
        case let .pusher(p):
            toolRadius = p.radius
            (targetCenter, targetHalf) = (.zero, spec.table.size / 2 * 0.7)
        case let .arm(a):
            toolRadius = a.links.last.map { $0.width / 2 } ?? 0
            (targetCenter, targetHalf) = (a.base, SIMD2(repeating: a.reach * 0.5))
        case let .diffDrive(d):
            toolRadius = d.radius
            (targetCenter, targetHalf) = (.zero, spec.table.size / 2 * 0.7)
        }
        self.rng = rng
        phase = .approach(steps: 0)
        object = 0
        target = .zero
    }

    /// Steers the tool behind the chosen object, then through it toward the push target.
    public mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        let poses = environment.objectPoses
        guard !poses.isEmpty else { return environment.actionToward(.zero) }
        if case .approach(0) = phase { choosePush(objects: poses.count) }
        let position = poses[object].position
        let direction = pushDirection(from: position)
        let behind = position - direction * (environment.objectExtents[object] + toolRadius + 0.02)
        switch phase {
        case let .approach(steps):
            let arrived = (environment.toolPosition - behind).length < 0.02
            phase = arrived || steps + 1 >= approachSteps ? .push(steps: 0) : .approach(steps: steps + 1)
            return environment.actionToward(behind)
        case let .push(steps):
            phase = steps + 1 >= pushSteps ? .approach(steps: 0) : .push(steps: steps + 1)
            return environment.actionToward(position + direction * pushLead)
        }
    }

    private mutating func choosePush(objects: Int) {
        object = rng.int(below: objects)
        target = targetCenter + SIMD2(rng.uniform(in: -1...1) * targetHalf.x, rng.uniform(in: -1...1) * targetHalf.y)
    }

    private func pushDirection(from position: SIMD2<Double>) -> SIMD2<Double> {
        let offset = target - position
        let length = offset.length
        return length > 1e-6 ? offset / length : SIMD2(1, 0)
    }
}

extension Policy where Self == ScriptedPolicy {
    /// The scripted pushing policy, as in `policy: .scripted`.
    public static var scripted: ScriptedPolicy { ScriptedPolicy() }
}
