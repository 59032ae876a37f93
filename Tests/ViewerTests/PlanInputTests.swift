#if Viewer
import Control
import CSDL2
import Foundation
import Simulation
import Testing
@testable import Viewer
import WorldModel

extension WindowTests {
    /// The planner's goal set with the mouse through real SDL events, and its plan in the frame.
    @Suite final class PlanInputTests {
        let restoreEnvironment = WindowTests.useOffscreenDriver()

        deinit { restoreEnvironment() }

        func push(mouse type: SDL_EventType, at pixel: SIMD2<Int32>) {
            var event = SDL_Event()
            event.type = type.rawValue
            event.button.button = UInt8(SDL_BUTTON_RIGHT)
            event.button.x = pixel.x
            event.button.y = pixel.y
            SDL_PushEvent(&event)
        }

        func push(wheel notches: Int32) {
            var event = SDL_Event()
            event.type = SDL_MOUSEWHEEL.rawValue
            event.wheel.y = notches
            SDL_PushEvent(&event)
        }

        @Test func rightClickPlacesTheGoalAndTheWheelTurnsIt() throws {
            let spec = try WorldSpec.builtIn(named: "push-tee")
            let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
            let run = try TinyRun.train(environment)
            defer { try? FileManager.default.removeItem(at: run) }
            let policy = try PlannerPolicy(predictor: PositionPredictor(run: run), goal: TaskGoal(try #require(spec.goal)),
                                           actionSpace: environment.actionSpace, config: BackgroundPlannerTests.config)
            var options = ViewerOptions(spec: spec)
            options.policy = policy
            options.planner = policy.planner
            options.frames = 12
            let app = try ViewerApp(options: options)
            let before = policy.planner.goal
            let pixel = app.camera.toScreen(SIMD2(0.1, -0.05))
            push(mouse: SDL_MOUSEBUTTONDOWN, at: SIMD2(Int32(pixel.x.rounded()), Int32(pixel.y.rounded())))
            push(mouse: SDL_MOUSEBUTTONUP, at: .zero)
            push(wheel: 2)
            try app.loop()
            let goal = policy.planner.goal
            #expect(goal.object == before.object)
            #expect(((goal.pose.position - SIMD2(0.1, -0.05)) * (goal.pose.position - SIMD2(0.1, -0.05))).sum().squareRoot() < 2 / app.camera.scale)
            #expect(abs(goal.pose.angle - remainder(before.pose.angle + 2 * ViewerApp.goalRotationStep, 2 * .pi)) < 1e-12)

            // The frame draws the goal where the planner aims, and the plan's ghosts.
            let scene = app.session.environment.scene()
            let tracked = app.session.trackedNames.map { name in scene.bodies.firstIndex { $0.name == name }! }
            var content = FrameContent(scene: scene, trackedSceneIndices: tracked, forecast: nil, check: nil, layers: SceneLayers(),
                                       targets: [], barLines: [], errors: nil, infoLines: nil, showHelp: false)
            app.showPlan(in: &content)
            #expect(content.scene.goal?.position == goal.pose.position && content.scene.goal?.angle == goal.pose.angle)
            let plan = try #require(content.plan)
            #expect(plan.poses.count == BackgroundPlannerTests.config.horizon)
            #expect(plan.poses.allSatisfy { $0.count == app.session.trackedNames.count })
        }
    }
}
#endif
