#if Viewer
import Simulation
import Testing
@testable import Viewer

/// The session without a window: fixed-rate stepping, pause, speed, teleoperation.
@Suite struct ViewerSessionTests {
    func session(_ policy: (any Policy)?) throws -> ViewerSession {
        try ViewerSession(spec: WorldSpec.builtIn(named: "push"), policy: policy, seed: 3, model: nil, horizon: 10)
    }

    @Test func physicsRunsAtItsOwnRateWhateverTheFrameRate() throws {
        let session = try session(ScriptedPolicy())
        let dt = session.environment.controlTimeStep
        for _ in 0..<60 { session.advance(realSeconds: 1.0 / 60, steering: .zero) }
        #expect(session.environment.stepCount == Int((1 / dt).rounded()))
        session.faster()
        for _ in 0..<30 { session.advance(realSeconds: 1.0 / 30, steering: .zero) }
        #expect(session.environment.stepCount == Int((3 / dt).rounded()))
        session.paused = true
        session.advance(realSeconds: 1, steering: .zero)
        #expect(session.environment.stepCount == Int((3 / dt).rounded()))
        session.step()
        #expect(session.environment.stepCount == Int((3 / dt).rounded()) + 1)
    }

    @Test func keyboardSteersTheTeleopTargetAndTheToolFollows() throws {
        let session = try session(nil)
        let start = session.environment.toolPosition
        #expect(session.teleopTarget == start)
        // Half a second toward the table's centre, so that the target stays on the table.
        let direction = SIMD2(start.x > 0 ? -1.0 : 1.0, 0)
        for _ in 0..<30 { session.advance(realSeconds: 1.0 / 60, steering: direction) }
        let travel = 0.5 * ViewerSession.steeringSpeed
        #expect(abs(session.teleopTarget.x - (start.x + direction.x * travel)) < 1e-9)
        #expect((session.environment.toolPosition.x - start.x) * direction.x > 0.5 * travel)
    }

    @Test func mouseDragPullsTheToolWhateverThePolicy() throws {
        let session = try session(RandomPolicy())
        let target = SIMD2(-0.2, 0.25)
        session.pointerTarget = target
        let before = session.environment.toolPosition
        for _ in 0..<120 { session.advance(realSeconds: 1.0 / 60, steering: .zero) }
        let after = session.environment.toolPosition
        #expect(((after - target) * (after - target)).sum() < 0.25 * ((before - target) * (before - target)).sum())
    }

    @Test func resetMovesToTheNextSeed() throws {
        let session = try session(ScriptedPolicy())
        session.advance(realSeconds: 0.5, steering: .zero)
        session.reset()
        #expect(session.seed == 4 && session.environment.stepCount == 0 && session.episodes == 2)
    }
}
#endif
