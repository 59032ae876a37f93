#if Viewer
import Foundation
import Simulation
import Testing
@testable import Viewer

/// The two-pane layout of dream mode, and the dream pane's scene.
@Suite struct DreamPaneTests {
    @Test func twoPanesSplitTheWidthBelowTheBarAndACaptionEach() throws {
        let renderer = try FrameRenderer.bundled()
        let bar = Double(renderer.hud.barHeight(width: 1280, height: 800))
        let single = renderer.paneViewports(width: 1280, height: 800, panes: 1)
        #expect(single == [PixelRect(x: 0, y: bar, width: 1280, height: 800 - bar)])
        let panes = renderer.paneViewports(width: 1280, height: 800, panes: 2)
        #expect(panes.count == 2)
        #expect(panes[0].x == 0 && panes[0].width == 640 && panes[1].x == 640 && panes[1].width == 640)
        #expect(panes.allSatisfy { $0.y == 2 * bar && $0.y + $0.height == 800 })

        // The same world fills both panes alike: same scale, the table of each inside its own pane.
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push-tee"), observations: ObservationSettings(kinds: [.state]))
        environment.reset(seed: 0)
        let scene = environment.scene()
        let cameras = panes.map { renderer.camera(for: scene, viewport: $0) }
        #expect(cameras[0].scale == cameras[1].scale)
        for (camera, pane) in zip(cameras, panes) {
            for corner in [SIMD2(-scene.tableSize.x / 2, scene.tableSize.y / 2), SIMD2(scene.tableSize.x / 2, -scene.tableSize.y / 2)] {
                let p = camera.toScreen(corner)
                #expect(p.x > pane.x && p.x < pane.x + pane.width && p.y > pane.y && p.y < pane.y + pane.height)
            }
        }
        #expect(cameras[1].toScreen(.zero) - cameras[0].toScreen(.zero) == SIMD2(640, 0))
        // At the preferred width for two panes, each pane's world fills its height (the width is not what limits it).
        let width = renderer.preferredWidth(for: scene, height: 800, panes: 2)
        let wide = renderer.paneViewports(width: width, height: 800, panes: 2)
        let bounds = SceneRenderer.worldBounds(of: scene)
        for pane in wide {
            let camera = renderer.camera(for: scene, viewport: pane)
            #expect(abs(camera.scale - (pane.height - 2 * camera.margin) / (bounds.max.y - bounds.min.y)) < 1e-9)
        }
    }

    @Test func theDreamSceneIsRealityWithTheDreamedPosesAndNoSensors() throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "diffdrive"), observations: ObservationSettings(kinds: [.state, .lidar]))
        environment.reset(seed: 0)
        let reality = environment.scene()
        #expect(!reality.lidarRays.isEmpty)
        let tracked = environment.bodies.map { body in reality.bodies.firstIndex { $0.name == body.name }! }
        let poses = tracked.indices.map { BodyPose(position: SIMD2(0.01 * Double($0), -0.02), angle: 0.3 * Double($0)) }
        let pane = DreamPane(reality: reality, trackedSceneIndices: tracked, poses: poses, lines: ["DREAM", ""], divergences: [])
        for (index, pose) in zip(tracked, poses) {
            #expect(pane.scene.bodies[index].position == pose.position && pane.scene.bodies[index].angle == pose.angle)
        }
        let walls = reality.bodies.indices.filter { reality.bodies[$0].role == .wall }
        #expect(!walls.isEmpty && walls.allSatisfy { pane.scene.bodies[$0] == reality.bodies[$0] })
        #expect(pane.scene.lidarRays.isEmpty && pane.scene.contacts.isEmpty && pane.scene.goal == reality.goal)
    }
}
#endif
