import Foundation
import Testing
import TensorCore
@testable import WorldModel

@Suite struct BodyLayoutTests {
    static let labels = ["pusher.x", "pusher.y", "pusher.vx", "box.x", "box.y", "box.vx"]
    static let bodies = [
        EpisodeData.BodyPositionColumns(name: "pusher", isObject: false, xColumn: 0, yColumn: 1),
        EpisodeData.BodyPositionColumns(name: "box", isObject: true, xColumn: 3, yColumn: 4),
    ]

    @Test func buildsPerBodyRowsAndScattersChangesBack() throws {
        let layout = try #require(BodyLayout(labels: BodyLayoutTests.labels, bodies: BodyLayoutTests.bodies))
        #expect(layout.bodyCount == 2 && layout.fieldCount == 3 && layout.robot == 0)
        let states = Matrix([[1, 2, 3, 10, 20, 30]])
        let actions = Matrix([[0.5, -0.5]])
        let inputs = layout.inputs(states: states, actions: actions)
        // [one-hot(2), own fields(3), robot fields(3), action(2), own xy - robot xy(2)]
        #expect(inputs.row(0) == [1, 0, 1, 2, 3, 1, 2, 3, 0.5, -0.5, 0, 0])
        #expect(inputs.row(1) == [0, 1, 10, 20, 30, 1, 2, 3, 0.5, -0.5, 9, 18])
        let next = Matrix([[2, 2, 3, 10, 21, 30]])
        let deltas = layout.targets(from: states, to: next)
        #expect(deltas.row(0) == [1, 0, 0] && deltas.row(1) == [0, 1, 0])
        var rebuilt = states
        layout.apply(deltas, to: &rebuilt)
        #expect(rebuilt == next)
    }

    @Test func refusesStatesWhoseBodiesDiffer() {
        #expect(BodyLayout(labels: ["pusher.x", "pusher.y", "box.x"], bodies: BodyLayoutTests.bodies) == nil)
        #expect(BodyLayout(labels: ["pusher.x", "pusher.y"], bodies: [BodyLayoutTests.bodies[1]]) == nil)
    }

    @Test func perBodyTargetStatisticsRoundTrip() throws {
        let layout = try #require(BodyLayout(labels: BodyLayoutTests.labels, bodies: BodyLayoutTests.bodies))
        var rng = RandomStream(seed: 9)
        let targets = Matrix.normal(rows: 40, cols: 3, rng: &rng)  // 20 transitions x 2 bodies
        let normalizer = ForwardModel.fitTargets(targets, layout: layout)
        #expect(normalizer.count == 6)
        var config = WorldModelConfig()
        config.forwardHidden = [4]
        let model = ForwardModel(rule: .bp, config: config, inputNormalizer: Normalizer(identity: 12),
                                 targetNormalizer: normalizer, layout: layout, seed: 1)
        var copy = targets
        model.standardizeTargets(&copy)
        // Each body's column now has mean 0 over its own rows.
        for body in 0..<2 {
            let mean = stride(from: body, to: 40, by: 2).reduce(0.0) { $0 + Double(copy[$1, 0]) } / 20
            #expect(abs(mean) < 1e-5)
        }
        model.unstandardizeTargets(&copy)
        for i in 0..<targets.count { #expect(abs(copy.storage[i] - targets.storage[i]) < 1e-5) }
    }

    @Test func uncentredTargetStatisticsScaleByRootMeanSquareAndKeepZeroAtZero() throws {
        let layout = try #require(BodyLayout(labels: BodyLayoutTests.labels, bodies: BodyLayoutTests.bodies))
        // Two transitions x two bodies (rows alternate pusher, box); fields x, y, vx.
        let targets = Matrix([[3, 0, 1], [0, 0, 0], [4, 0, -1], [0, 2, 0]])
        let normalizer = ForwardModel.fitTargets(targets, layout: layout, centred: false)
        #expect(normalizer.mean == [0, 0, 0, 0, 0, 0])
        // Pusher x: values 3 and 4, root mean square √12.5; box y: values 0 and 2, √2; zero columns keep the floor.
        #expect(abs(normalizer.std[0] - Float(12.5).squareRoot()) < 1e-5)
        #expect(abs(normalizer.std[2] - 1) < 1e-5)
        #expect(abs(normalizer.std[4] - Float(2).squareRoot()) < 1e-5)
        #expect(abs(normalizer.std[3] - 1e-6) < 1e-9)
        var zero = Matrix(rows: 2, cols: 3 * 2)
        normalizer.apply(&zero)
        #expect(zero.storage.allSatisfy { $0 == 0 })
    }
}
