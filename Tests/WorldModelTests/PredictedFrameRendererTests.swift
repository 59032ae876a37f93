import Simulation
import Testing
@testable import WorldModel

@Suite struct PredictedFrameRendererTests {
    @Test func drawsTheEpisodesFirstSceneWithTheBodiesWherePredicted() throws {
        let renderer = try #require(PredictedFrameRenderer(world: "push", side: 32))
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"),
                                          observations: ObservationSettings(kinds: [.state, .pixels], pixelSize: 32))
        let camera = try #require(environment.reset(seed: 4).observation.pixels)
        let bodies = environment.scene().bodies.filter { $0.role != .wall }
        let names = bodies.map(\.name), truth = bodies.map(\.position)
        // At the true positions: the camera's own image of the first step.
        #expect(renderer.render(seed: 4, bodies: names, positions: truth) == PNGImage(width: 32, height: 32, rgb: camera))
        // A body moved: another image; drawn again at the truth (another episode in between), the camera's again.
        var moved = truth
        moved[1] = -moved[1]
        #expect(renderer.render(seed: 4, bodies: names, positions: moved).rgb != camera)
        _ = renderer.render(seed: 9, bodies: names, positions: truth)
        #expect(renderer.render(seed: 4, bodies: names, positions: truth).rgb == camera)
        #expect(PredictedFrameRenderer(world: "no-such-world", side: 32) == nil)
    }
}
