import Foundation
import Testing
import TensorCore
@testable import WorldModel

/// The body-frame coding of the factorised state model: hand-computed rows, exact round trips, rotation invariance.
@Suite struct BodyFrameTests {
    /// A pusher, a box and a disc with every pose field.
    static let labels = ["pusher", "box", "disc"].flatMap { body in PoseFields.names.map { "\(body).\($0)" } }

    static func layout(pointAction: Bool = true) throws -> BodyLayout {
        let bodies = ["pusher", "box", "disc"].enumerated().map { index, name in
            EpisodeData.BodyPositionColumns(name: name, isObject: index > 0, xColumn: 7 * index, yColumn: 7 * index + 1)
        }
        return try #require(BodyLayout(labels: labels, bodies: bodies, frame: .body, pointAction: pointAction))
    }

    /// `rows` random states of three bodies with unit headings.
    static func states(_ rows: Int, rng: inout RandomStream) -> Matrix {
        var out = Matrix.normal(rows: rows, cols: 21, rng: &rng)
        for n in 0..<rows {
            for body in 0..<3 {
                let angle = Float(rng.uniform(in: -Double.pi...Double.pi))
                (out[n, 7 * body + 2], out[n, 7 * body + 3]) = (cos(angle), sin(angle))
            }
        }
        return out
    }

    @Test func inputRowsHoldVelocitiesOffsetsAndTheTargetInTheBodysFrame() throws {
        let layout = try Self.layout()
        // Pusher at the origin facing +x, moving (1, 0); box at (1, 0) facing +y, moving (0, 2), spinning at 3 rad/s;
        // disc at (1, 2) facing −x, at rest. Action: target point (2, 0).
        let states = Matrix([[0, 0, 1, 0, 1, 0, 0.5, 1, 0, 0, 1, 0, 2, 3, 1, 2, -1, 0, 0, 0, 0]])
        let inputs = layout.inputs(states: states, actions: Matrix([[2, 0]]))
        #expect(inputs.cols == layout.inputSize(actionSize: 2) && inputs.cols == 3 + 3 + 5 + 2 + 2 + 4 + 4)
        // The box's frame turns world (x, y) into (y, −x): its velocity is (2, 0) ahead, the pusher (−1, 0) away
        // lies at (0, 1), the pusher's velocity (1, 0) reads (0, −1), the target (1, 0) away at (0, −1), the disc at (2, 0).
        #expect(inputs.row(1) == [0, 1, 0, /* own v, omega */ 2, 0, 3, /* robot offset, velocity, omega */ 0, 1, 0, -1, 0.5,
                                  /* action */ 2, 0, /* target */ 0, -1, /* pose */ 1, 0, 0, 1, /* pusher, disc */ 0, 1, 2, 0])
        // The disc faces −x: world (x, y) reads (−x, −y).
        #expect(inputs.row(2) == [0, 0, 1, 0, 0, 0, 1, 2, -1, 0, 0.5, 2, 0, -1, 2, 1, 2, -1, 0, 1, 2, 0, 2])
    }

    @Test func targetsAppliedToTheirStatesGiveTheNextStates() throws {
        let layout = try Self.layout()
        var rng = RandomStream(seed: 3)
        let now = Self.states(50, rng: &rng), next = Self.states(50, rng: &rng)
        let targets = layout.targets(from: now, to: next)
        #expect(targets.rows == 150 && targets.cols == layout.targetSize && layout.targetSize == 6)
        var rebuilt = now
        layout.apply(targets, to: &rebuilt)
        let largest = zip(rebuilt.storage, next.storage).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-5)
    }

    @Test func zeroPredictionsKeepARestingWorldAtRest() throws {
        let layout = try Self.layout()
        var rng = RandomStream(seed: 4)
        var resting = Self.states(10, rng: &rng)
        for n in 0..<10 { for body in 0..<3 { for field in 4...6 { resting[n, 7 * body + field] = 0 } } }
        var next = resting
        layout.apply(Matrix(rows: 30, cols: 6), to: &next)
        #expect(zip(next.storage, resting.storage).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func turningTheWholeWorldChangesOnlyTheWorldPoseAndTheRawAction() throws {
        let layout = try Self.layout()
        var rng = RandomStream(seed: 5)
        let now = Self.states(20, rng: &rng), next = Self.states(20, rng: &rng)
        let actions = Matrix.normal(rows: 20, cols: 2, rng: &rng)
        let quarterTurn = SquareSymmetry(mirrored: false, quarterTurns: 1)
        var (turnedNow, turnedNext, turnedActions) = (now, next, actions)
        quarterTurn.apply(toStates: &turnedNow, layout: layout)
        quarterTurn.apply(toStates: &turnedNext, layout: layout)
        quarterTurn.apply(toPoints: &turnedActions)
        let original = layout.inputs(states: now, actions: actions), turned = layout.inputs(states: turnedNow, actions: turnedActions)
        // Columns: one-hot 3, own 3, robot 5, raw action 2, target 2, world pose 4, others 4.
        let worldDependent = Set([11, 12] + Array(15..<19))
        for column in 0..<original.cols where !worldDependent.contains(column) {
            for row in 0..<original.rows { #expect(abs(original[row, column] - turned[row, column]) < 1e-5) }
        }
        let targets = layout.targets(from: now, to: next), turnedTargets = layout.targets(from: turnedNow, to: turnedNext)
        #expect(zip(targets.storage, turnedTargets.storage).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func bodyFrameNeedsEveryPoseField() {
        #expect(BodyLayout(labels: BodyLayoutTests.labels, bodies: BodyLayoutTests.bodies, frame: .body) == nil)
        #expect(BodyLayout(labels: BodyLayoutTests.labels, bodies: BodyLayoutTests.bodies, frame: .world) != nil)
    }
}
