import Foundation
import Simulation
import Testing
import TensorCore
@testable import WorldModel

/// Every robot's state splits into bodies: the arm's links with their joints, the differential drive's wheel action in each frame.
@Suite struct RobotBodiesTests {
    /// States of an arm episode under random joint velocities (the reset state first) and the data's signature.
    static func armRollout(steps: Int) throws -> (states: Matrix, data: DataSignature) {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "arm"), observations: ObservationSettings(kinds: [.state]))
        var rng = RandomStream(seed: 7)
        var rows = [environment.reset(seed: 3).observation.state]
        for _ in 0..<steps {
            let action = (0..<3).map { _ in Float(rng.uniform(in: -2...2)) }
            rows.append(environment.step(action).observation.state)
        }
        return (Matrix(rows), DataSignature(environment: environment))
    }

    @Test func theArmsBodySplitReproducesTheSimulatorsNextStateFromTruePerBodyTargets() throws {
        let (states, data) = try Self.armRollout(steps: 40)
        let layout = try #require(RunRecord(config: WorldModelConfig(), data: data).stateLayout)
        #expect(layout.bodyCount == 7 && layout.joints.compactMap { $0 }.count == 3)
        #expect(layout.joints.compactMap { $0?.parent } == [0, 1] && layout.robot == 2)
        let now = states.rows(0..<40), next = states.rows(1..<41)
        var rebuilt = now
        layout.apply(layout.targets(from: now, to: next), to: &rebuilt)
        let largest = zip(rebuilt.storage, next.storage).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-5)
        // The joints moved, so the check covers them.
        let joint = layout.joints[1]!.angle
        #expect((0..<40).contains { abs(next[$0, joint] - now[$0, joint]) > 0.05 })
    }

    @Test func runsMadeBeforeRobotBodiesKeepTheFlatArmModel() throws {
        let (_, data) = try Self.armRollout(steps: 1)
        var old = WorldModelConfig()
        old.robotBodies = nil
        #expect(RunRecord(config: old, data: data).stateLayout == nil)
        var worldFrame = WorldModelConfig()
        worldFrame.stateFrame = .world
        #expect(RunRecord(config: worldFrame, data: data).stateLayout == nil)
    }

    static func wheelLayout() throws -> BodyLayout {
        let bodies = ["pusher", "box", "disc"].enumerated().map { index, name in
            EpisodeData.BodyPositionColumns(name: name, isObject: index > 0, xColumn: 7 * index, yColumn: 7 * index + 1)
        }
        return try #require(BodyLayout(labels: BodyFrameTests.labels, bodies: bodies, frame: .body, wheelAction: true))
    }

    @Test func wheelSpeedsBecomeTheRobotsCommandedVelocityInEachBodysFrame() throws {
        let layout = try Self.wheelLayout()
        // Robot at the origin facing +y; box at (1, 0) facing +x; disc facing −x. Wheels (0.2, 0.4): 0.3 m/s ahead, turning left.
        let states = Matrix([[0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 2, -1, 0, 0, 0, 0]])
        let inputs = layout.inputs(states: states, actions: Matrix([[0.2, 0.4]]))
        #expect(inputs.cols == layout.inputSize(actionSize: 2) && inputs.cols == 3 + 3 + 5 + 2 + 5 + 4 + 4)
        let wheels = 13..<18
        #expect(zip(Array(inputs.row(0)[wheels]), [1, 0, 0.3, 0, 0.2] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(Array(inputs.row(1)[wheels]), [0, 1, 0, 0.3, 0.2] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(Array(inputs.row(2)[wheels]), [0, -1, 0, -0.3, 0.2] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func turningTheWholeWorldLeavesTheWheelInputsAlone() throws {
        let layout = try Self.wheelLayout()
        var rng = RandomStream(seed: 9)
        let now = BodyFrameTests.states(20, rng: &rng)
        let actions = Matrix.normal(rows: 20, cols: 2, rng: &rng)
        var turned = now
        SquareSymmetry(mirrored: false, quarterTurns: 1).apply(toStates: &turned, layout: layout)
        let original = layout.inputs(states: now, actions: actions), turnedInputs = layout.inputs(states: turned, actions: actions)
        for column in 13..<18 {
            for row in 0..<original.rows { #expect(abs(original[row, column] - turnedInputs[row, column]) < 1e-5) }
        }
    }
}
