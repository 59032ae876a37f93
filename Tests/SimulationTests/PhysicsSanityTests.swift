import CChipmunk
import Testing
@testable import Simulation

/// Conservation on a frictionless collision of two discs in a tiny custom world.
@Suite struct PhysicsSanityTests {
    static func spec(elasticity: Double) throws -> WorldSpec {
        try WorldSpec.parse(yaml: """
            name: two-discs
            table: {size: [2.0, 2.0], friction: 0.0}
            physics: {time_step: 0.001, substeps: 100, iterations: 20, max_speed: 5.0, max_angular_speed: 50.0}
            robot:
              pusher: {radius: 0.02, mass: 1.0, stiffness: 100, damping: 20, max_force: 20, position: [0.9, 0.9]}
            objects:
              - {name: a, shapes: [{circle: {radius: 0.05}}], mass: 0.2, friction: 0.0, elasticity: \(elasticity), position: [-0.3, 0.0]}
              - {name: b, shapes: [{circle: {radius: 0.07}}], mass: 0.5, friction: 0.0, elasticity: \(elasticity), position: [0.3, 0.04]}
            """, file: "two-discs.yaml")
    }

    struct Motion {
        var momentum: SIMD2<Double>
        var energy: Double
        var velocities: [SIMD2<Double>]
    }

    func motion(_ episode: Episode) -> Motion {
        var result = Motion(momentum: .zero, energy: 0, velocities: [])
        for object in episode.objects {
            let m = cpBodyGetMass(object.body), v = SIMD2(cpBodyGetVelocity(object.body))
            let w = cpBodyGetAngularVelocity(object.body)
            result.momentum += m * v
            result.energy += 0.5 * m * (v * v).sum() + 0.5 * cpBodyGetMoment(object.body) * w * w
            result.velocities.append(v)
        }
        return result
    }

    func collide(elasticity: Double) throws -> (before: Motion, after: Motion) {
        let spec = try Self.spec(elasticity: elasticity)
        let episode = Episode(spec: spec, seed: 0)
        cpBodySetVelocity(episode.objects[0].body, cpv(0.5, 0))
        cpBodySetVelocity(episode.objects[1].body, cpv(-0.2, 0))
        let before = motion(episode)
        let hold = episode.robot.neutralAction
        for _ in 0..<10 { _ = episode.advance(hold) }
        return (before, motion(episode))
    }

    @Test func elasticCollisionConservesMomentumAndEnergy() throws {
        let (before, after) = try collide(elasticity: 1)
        #expect((after.velocities[0] - before.velocities[0]).length > 0.3, "the discs collided")
        #expect((after.momentum - before.momentum).length < 1e-9 * before.momentum.length + 1e-12)
        #expect(abs(after.energy - before.energy) < 0.01 * before.energy, "energy \(before.energy) → \(after.energy)")
    }

    @Test func plasticCollisionConservesMomentumAndLosesEnergy() throws {
        let (before, after) = try collide(elasticity: 0)
        #expect((after.momentum - before.momentum).length < 1e-9 * before.momentum.length + 1e-12)
        #expect(after.energy < 0.9 * before.energy)
    }
}
