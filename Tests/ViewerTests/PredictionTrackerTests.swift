#if Viewer
import Simulation
import Testing
import WorldModel
@testable import Viewer

/// A body at x = t·0.1 m after step t: the state is [x, y, cos, sin, vx, vy] with vx = 0.1 / dt.
private let dt = 0.5
private let labels = ["b.x", "b.y", "b.cos", "b.sin", "b.vx", "b.vy"]

private func state(_ step: Int) -> [Float] { [Float(step) * 0.1, 0.25, 1, 0, Float(0.1 / dt), 0] }

private func observation(_ step: Int) -> Observation { Observation(state: state(step), pixels: nil, lidar: nil) }

/// Predicts that nothing moves.
private final class StandStill: PredictionSource {
    let name = "stand-still"
    func predictPositions(from observation: Observation, actions: [[Float]]) -> [[SIMD2<Double>]] {
        actions.map { _ in [SIMD2(Double(observation.state[0]), Double(observation.state[1]))] }
    }
}

@Suite struct PredictionTrackerTests {
    func tracker(horizon: Int, steps: Int) throws -> (PredictionTracker, StateReadout) {
        let layout = try StateReadout(labels: labels, bodyNames: ["b"], purpose: "test")
        var tracker = PredictionTracker(horizon: horizon)
        tracker.restart(observation: observation(0), poses: layout.poses(in: state(0)))
        for t in 1...steps { tracker.record(action: [Float(t)], observation: observation(t), poses: layout.poses(in: state(t))) }
        return (tracker, layout)
    }

    @Test func constantVelocityIsExactOnUniformMotion() throws {
        var (tracker, layout) = try tracker(horizon: 4, steps: 6)
        tracker.update(using: ConstantVelocityPredictor(layout: layout, controlTimeStep: dt))
        let check = try #require(tracker.check)
        #expect(abs(check.predicted[0].x - 0.6) < 1e-6 && abs(check.actual[0].x - 0.6) < 1e-6)
        #expect(check.anchor[0].position.x == Double(Float(0.2)))
        #expect(check.error < 1e-6)
        let forecast = try #require(tracker.forecast)
        #expect(forecast.steps.count == 4)
        #expect(forecast.steps.enumerated().allSatisfy { t, positions in abs(positions[0].x - 0.1 * Double(6 + t + 1)) < 1e-6 })
        #expect(tracker.errors.count == 1)
    }

    @Test func errorIsTheDistanceTheModelGotWrong() throws {
        var (tracker, _) = try tracker(horizon: 3, steps: 5)
        tracker.update(using: StandStill())
        let check = try #require(tracker.check)
        // Predicted to stay at step 2's x = 0.2; really at step 5's x = 0.5.
        #expect(abs(check.error - 0.3) < 1e-6)
        tracker.setHorizon(5)
        tracker.update(using: StandStill())
        #expect(abs(try #require(tracker.check).error - 0.5) < 1e-6)
        #expect(tracker.errors.count == 2)
    }

    @Test func noCheckUntilKStepsExistAndHorizonIsClamped() throws {
        var (tracker, _) = try tracker(horizon: 8, steps: 5)
        tracker.update(using: StandStill())
        #expect(tracker.check == nil && tracker.forecast != nil && tracker.errors.isEmpty)
        tracker.setHorizon(0)
        #expect(tracker.horizon == 1)
        tracker.setHorizon(1000)
        #expect(tracker.horizon == PredictionTracker.maxHorizon)
    }

    @Test func missingStateLabelIsNamed() {
        #expect(throws: RunError.missing(path: "test", what: "the state has no `c.x` entry (it has \(labels.joined(separator: ", ")))")) {
            try StateReadout(labels: labels, bodyNames: ["b", "c"], purpose: "test")
        }
    }
}
#endif
