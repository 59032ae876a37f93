#if Viewer
import CSDL2
import Foundation
import Simulation
import Testing
@testable import Viewer

extension WindowTests {
    /// Real SDL events, queued before the frames run, reach the session through the viewer's input path.
    @Suite final class ViewerInputTests {
        let restoreEnvironment = WindowTests.useOffscreenDriver()

        deinit { restoreEnvironment() }

        func app(policy: (any Policy)?, frames: Int) throws -> ViewerApp {
            var options = ViewerOptions(spec: try WorldSpec.builtIn(named: "push"))
            options.policy = policy
            options.frames = frames
            return try ViewerApp(options: options)
        }

        func push(key: SDL_KeyCode, down: Bool) {
            var event = SDL_Event()
            event.type = (down ? SDL_KEYDOWN : SDL_KEYUP).rawValue
            event.key.keysym.sym = SDL_Keycode(bitPattern: key.rawValue)
            SDL_PushEvent(&event)
        }

        @Test func spacePausesAndTheRightArrowStepsOnce() throws {
            let app = try app(policy: ScriptedPolicy(), frames: 30)
            push(key: SDLK_SPACE, down: true)
            push(key: SDLK_SPACE, down: false)
            push(key: SDLK_RIGHT, down: true)
            push(key: SDLK_RIGHT, down: false)
            push(key: SDLK_F2, down: true)
            push(key: SDLK_RIGHTBRACKET, down: true)
            try app.loop()
            #expect(app.session.paused)
            #expect(app.session.environment.stepCount == 1)
            #expect(app.showInfo)
            #expect(app.session.tracker.horizon == 11)
        }

        @Test func heldKeySteersAndQuitEndsTheLoop() throws {
            let app = try app(policy: nil, frames: 300)
            let start = app.session.environment.toolPosition
            push(key: SDLK_w, down: true)
            try app.loop()
            // Held for 5 s at the steering speed: the target went up (+y) to the table's far edge, the tool after it.
            #expect(abs(app.session.teleopTarget.y - app.session.environment.spec.table.size.y / 2) < 1e-9)
            #expect(app.session.environment.toolPosition.y > start.y + 0.1)
            let quitting = try self.app(policy: nil, frames: 600)
            push(key: SDLK_q, down: true)
            try quitting.loop()
            #expect(quitting.stats.frames == 0)
        }

        @Test func mouseDragPullsTheToolToTheCursor() throws {
            let app = try app(policy: RandomPolicy(), frames: 180)
            let target = SIMD2(0.15, -0.2)
            let pixel = app.camera.toScreen(target)
            var event = SDL_Event()
            event.type = SDL_MOUSEBUTTONDOWN.rawValue
            event.button.button = UInt8(SDL_BUTTON_LEFT)
            event.button.x = Int32(pixel.x.rounded())
            event.button.y = Int32(pixel.y.rounded())
            SDL_PushEvent(&event)
            let before = app.session.environment.toolPosition
            try app.loop()
            let pointer = try #require(app.session.pointerTarget)
            #expect(((pointer - target) * (pointer - target)).sum().squareRoot() < 2 / app.camera.scale)
            let after = app.session.environment.toolPosition
            #expect(((after - target) * (after - target)).sum() < 0.25 * ((before - target) * (before - target)).sum())
        }
    }
}
#endif
