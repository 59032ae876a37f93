import TensorCore

/// Pushes objects around: go to a point behind an object, push it toward a random point, repeat.
///
/// Each push picks an object and a target point on the table uniformly; the approach point lies
/// behind the object on the line from the target through it. The policy steers the robot's tool
/// with `Environment.actionToward`, so it works for the pusher, the arm and the drive alike.
public struct ScriptedPolicy: DataCollectionPolicy {
    private enum Phase {
        case approach(steps: Int)
        case push(steps: Int)
    }

    private let tableHalf: SIMD2<Double>
    private let toolRadius: Double
    private let approachSteps = 25
    private let pushSteps = 15
    private var rng: RandomStream
    private var phase: Phase = .approach(steps: 0)
    private var object = 0
    private var target = SIMD2<Double>.zero

    /// A policy for `spec` drawing from `rng`.
    public init(spec: WorldSpec, rng: RandomStream) {
        tableHalf = spec.table.size / 2
        switch spec.robot {
        case let .pusher(p): toolRadius = p.radius
        case let .arm(a): toolRadius = a.links.last.map { $0.width / 2 } ?? 0
        case let .diffDrive(d): toolRadius = d.radius
        }
        self.rng = rng
    }

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
            return environment.actionToward(position + direction * 0.1)
        }
    }

    private mutating func choosePush(objects: Int) {
        object = rng.int(below: objects)
        target = SIMD2(rng.uniform(in: -0.7...0.7) * tableHalf.x, rng.uniform(in: -0.7...0.7) * tableHalf.y)
    }

    private func pushDirection(from position: SIMD2<Double>) -> SIMD2<Double> {
        let offset = target - position
        let length = offset.length
        return length > 1e-6 ? offset / length : SIMD2(1, 0)
    }
}
