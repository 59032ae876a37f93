import Foundation
import Testing
@testable import Simulation

/// Lidar ranges, goal coverage and pixel observations against known geometry.
@Suite struct SensorTests {
    static func lidarWorld(rays: Int, fieldOfView: Double, objects: String) throws -> WorldSpec {
        try WorldSpec.parse(yaml: """
            name: lidar-check
            table: {size: [1.2, 1.2], friction: 0.5}
            physics: {time_step: 0.01, substeps: 10, iterations: 10, max_speed: 1.0, max_angular_speed: 10.0}
            robot:
              diffdrive: {radius: 0.06, mass: 2, track_width: 0.1, max_wheel_speed: 0.4, max_force: 20, max_torque: 2,
                          position: [0, 0], angle: 0}
            objects: \(objects)
            observation:
              lidar: {rays: \(rays), range: 1.0, field_of_view: \(fieldOfView)}
            """, file: "lidar-check.yaml")
    }

    @Test func lidarMeasuresDistanceToWallsAndObjects() throws {
        // One ray along the heading (+x): the wall's inner surface is 0.6 m away.
        let empty = try Environment(spec: try Self.lidarWorld(rays: 1, fieldOfView: 0, objects: "[]"),
                                    observations: ObservationSettings(kinds: [.lidar]))
        let wall = try #require(empty.reset(seed: 0).observation.lidar)
        #expect(abs(wall[0] - 0.6) < 1e-5)
        // Four rays at ±45° and ±135°: corners are out of range, so every ray reads 0.6·√2.
        let fan = try Environment(spec: try Self.lidarWorld(rays: 4, fieldOfView: 2 * Double.pi, objects: "[]"),
                                  observations: ObservationSettings(kinds: [.lidar]))
        let diagonal = try #require(fan.reset(seed: 0).observation.lidar)
        #expect(diagonal.allSatisfy { abs($0 - Float(0.6 * 2.0.squareRoot())) < 1e-5 }, "\(diagonal)")
        // A 0.1 m box centred 0.3 m ahead: its face is 0.25 m away.
        let box = "[{name: box, shapes: [{box: {size: [0.1, 0.1]}}], mass: 0.3, friction: 0.5, position: [0.3, 0]}]"
        let blocked = try Environment(spec: try Self.lidarWorld(rays: 1, fieldOfView: 0, objects: box),
                                      observations: ObservationSettings(kinds: [.lidar]))
        let hit = try #require(blocked.reset(seed: 0).observation.lidar)
        #expect(abs(hit[0] - 0.25) < 1e-5)
        let ray = try #require(blocked.scene().lidarRays.first)
        #expect(ray.hit && (ray.end - SIMD2(0.25, 0)).length < 1e-5)
    }

    @Test func stateReportsEachBodysDrawnSizeScale() throws {
        let spec = try WorldSpec.builtIn(named: "push")
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        var drawn: Set<Float> = []
        for seed in 0..<5 {
            let state = env.reset(seed: UInt64(seed)).observation.state
            #expect(state[env.stateLabels.firstIndex(of: "pusher.scale")!] == 1)
            for (index, object) in spec.objects.enumerated() {
                let scale = state[env.stateLabels.firstIndex(of: "\(object.name).scale")!]
                #expect(spec.randomization.size.contains(Double(scale)))
                let nominal = object.shapes.map { $0.extent(scale: 1) }.max()!
                #expect(abs(env.objectExtents[index] / nominal - Double(scale)) < 1e-6, "\(object.name) is drawn at another size")
                drawn.insert(scale)
            }
        }
        #expect(drawn.count > 20, "sizes are drawn per episode and object")
    }

    @Test func lidarOnAWorldWithoutOneIsAnError() throws {
        #expect(throws: EnvironmentError.noLidar(world: "push")) {
            try Environment(spec: try WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.lidar]))
        }
    }

    @Test func intersectionAreaOfOverlappingSquares() throws {
        let square = try #require(ConvexPolygon(counterClockwise: [SIMD2(0, 0), SIMD2(1, 0), SIMD2(1, 1), SIMD2(0, 1)]))
        let shifted = square.transformed(by: Pose(position: SIMD2(0.5, 0.25)))
        #expect(abs(square.intersectionArea(with: shifted) - 0.375) < 1e-12)
        // Rotated 45° about its corner, placed at the centre: the overlap is the wedge y ≥ max(x, 1 − x), area 1/4.
        let rotated = square.transformed(by: Pose(position: SIMD2(0.5, 0.5), angle: Double.pi / 4))
        #expect(abs(square.intersectionArea(with: rotated) - 0.25) < 1e-12)
        #expect(square.intersectionArea(with: square.transformed(by: Pose(position: SIMD2(3, 0)))) == 0)
    }

    @Test func teeOnItsGoalIsFullCoverageAndSuccess() throws {
        var spec = try WorldSpec.builtIn(named: "push-tee")
        let goal = try #require(spec.goal)
        spec.randomization.poses = false
        spec.objects[0].pose = goal.pose
        if case var .pusher(pusher) = spec.robot {
            pusher.pose.position = SIMD2(0.3, -0.3)
            spec.robot = .pusher(pusher)
        }
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        let start = env.reset(seed: 0)
        #expect(abs((start.info.coverage ?? 0) - 1) < 1e-9)
        let result = env.step(env.neutralAction)
        #expect(result.terminated && result.info.success && result.reward > 0.95)

        spec.objects[0].pose = Pose(position: goal.pose.position + SIMD2(0.04, 0), angle: goal.pose.angle)
        let moved = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        // Shifted by the stem's width (0.04 m): the bar loses 0.04·0.04 of 0.0112 m², the stem all its overlap.
        let coverage = try #require(moved.reset(seed: 0).info.coverage)
        #expect(abs(coverage - (0.0064 - 0.0016) / 0.0112) < 1e-9, "coverage \(coverage)")
    }

    @Test(arguments: WorldSpec.builtInNames)
    func pixelsShowEachBodyAtItsCentre(world: String) throws {
        let spec = try WorldSpec.builtIn(named: world)
        let env = try Environment(spec: spec, observations: ObservationSettings(kinds: [.pixels], pixelSize: 96))
        let pixels = try #require(env.reset(seed: 3).observation.pixels)
        #expect(pixels.count == 96 * 96 * 3)
        #expect(env.observationSpaces[.pixels]?.shape == [96, 96, 3])
        let scene = env.scene()
        let projection = PixelProjection(size: 96, tableSize: scene.tableSize)
        for center in scene.bodyCenters {
            let body = try #require(scene.bodies.first { $0.name == center.name })
            let (row, column) = try #require(projection.pixelIndex(of: center.position))
            let i = 3 * (row * 96 + column)
            #expect(RGB(pixels[i], pixels[i + 1], pixels[i + 2]) == body.color, "\(center.name) in \(world)")
        }
    }
}
