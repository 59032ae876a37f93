#if Viewer
import Simulation
import Testing
@testable import Viewer

/// The viewer draws every body in the world's own colour: the one its YAML gives, which pixel observations use too.
@Suite struct SceneColourTests {
    @Test func pushBodiesShowTheirWorldColoursAtTheirCentres() throws {
        let spec = try WorldSpec.builtIn(named: "push")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state, .pixels]))
        let observation = environment.reset(seed: 3).observation
        let scene = environment.scene()
        let renderer = try FrameRenderer.bundled()
        var canvas = Canvas(width: 960, height: 800)
        let content = FrameContent(scene: scene, trackedSceneIndices: [], forecast: nil, check: nil, layers: SceneLayers(),
                                   targets: [], barLines: [], errors: nil, infoLines: nil, showHelp: false)
        let camera = renderer.draw(content, into: &canvas)

        // push.yaml: box1 is `color: [70, 110, 200]`, blue.
        #expect(spec.objects.first { $0.name == "box1" }?.color == RGB(70, 110, 200))
        guard case let .pusher(pusher) = spec.robot else {
            Issue.record("push's robot is not a pusher")
            return
        }
        let expected = Dictionary(uniqueKeysWithValues: spec.objects.map { ($0.name, $0.color) } + [(pusher.name, pusher.color)])
        let pixels = try #require(observation.pixels)
        let projection = PixelProjection(size: environment.settings.pixelSize, tableSize: scene.tableSize)
        let centers = scene.bodyCenters
        #expect(centers.count == spec.objects.count + 1)
        for body in centers {
            let colour = try #require(expected[body.name], "\(body.name) is not in push.yaml")
            let point = camera.toScreen(body.position)
            #expect(canvas[Int(point.x), Int(point.y)] == colour, "\(body.name) in the window")
            // The pixel observation shows the same colour there.
            let (row, column) = try #require(projection.pixelIndex(of: body.position))
            let at = 3 * (row * projection.size + column)
            #expect(RGB(pixels[at], pixels[at + 1], pixels[at + 2]) == colour, "\(body.name) in the pixels")
        }
        // The table is the world's table colour too.
        let corner = camera.toScreen(SIMD2(-scene.tableSize.x / 2 + 0.03, scene.tableSize.y / 2 - 0.03))
        #expect(canvas[Int(corner.x), Int(corner.y)] == spec.table.color)
    }
}
#endif
