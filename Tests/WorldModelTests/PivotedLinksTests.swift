import Foundation
import Testing
import TensorCore
@testable import WorldModel

/// An arm's links predicted about their pivots: exact with true targets, joined whatever the prediction.
@Suite struct PivotedLinksTests {
    /// The arm's run layout (links pivoted) and an episode's states.
    static func arm(steps: Int) throws -> (layout: BodyLayout, states: Matrix) {
        let (states, data) = try RobotBodiesTests.armRollout(steps: steps)
        let layout = try #require(RunRecord(config: WorldModelConfig(), data: data).stateLayout)
        #expect(layout.keepsPivots && (0..<3).allSatisfy(layout.isPivoted) && !layout.isPivoted(3))
        return (layout, states)
    }

    /// Each link's origin in its parent link's frame (the first link's in the world), `[rows][link]`.
    static func pivotPlaces(_ states: Matrix, layout: BodyLayout) -> [[SIMD2<Float>]] {
        (0..<states.rows).map { n in
            (0..<3).map { link in
                let parent = layout.parentPose(states, row: n, body: link)
                return parent.local(layout.pose(states, row: n, body: link).position - parent.position)
            }
        }
    }

    @Test func aStiffJointsPivotTargetsAreAboutZero() throws {
        let (layout, states) = try Self.arm(steps: 40)
        let targets = layout.targets(from: states.rows(0..<40), to: states.rows(1..<41))
        let rows = (0..<40).flatMap { n in (0..<3).map { n * layout.bodyCount + $0 } }
        func entries(_ columns: [Int]) -> [Float] { rows.flatMap { row in columns.map { abs(targets[row, $0]) } } }
        // The joint's give: a tenth of a millimetre on average, never a centimetre (a link's own displacement is centimetres).
        #expect(entries([0, 1]).reduce(0, +) / Float(2 * rows.count) < 3e-4 && entries([0, 1]).max()! < 0.01)
        #expect(entries([3, 4]).reduce(0, +) / Float(2 * rows.count) < 0.01)
        let steps = (0..<40).flatMap { n in
            (0..<3).map { link in
                let step = layout.pose(states, row: n + 1, body: link).position - layout.pose(states, row: n, body: link).position
                return (step * step).sum().squareRoot()
            }
        }
        #expect(steps.max()! > 0.01)
    }

    @Test func linksStayOnTheirPivotsWhateverTheTurnsAndVelocities() throws {
        let (layout, states) = try Self.arm(steps: 10)
        var rng = RandomStream(seed: 13)
        var predictions = Matrix.normal(rows: 10 * layout.bodyCount, cols: 6, rng: &rng)
        for row in 0..<predictions.rows { (predictions[row, 0], predictions[row, 1]) = (0, 0) }
        let now = states.rows(0..<10)
        var next = now
        layout.apply(predictions, to: &next)
        for (before, after) in zip(Self.pivotPlaces(now, layout: layout), Self.pivotPlaces(next, layout: layout)) {
            for (a, b) in zip(before, after) { #expect(abs(a.x - b.x) < 1e-5 && abs(a.y - b.y) < 1e-5) }
        }
        // With zero velocity entries a child moves with its parent's rigid motion at the pivot: v = v_parent + ω_parent × r.
        for row in 0..<predictions.rows { (predictions[row, 3], predictions[row, 4]) = (0, 0) }
        next = now
        layout.apply(predictions, to: &next)
        for n in 0..<10 {
            let parent = layout.pose(next, row: n, body: 1), child = layout.pose(next, row: n, body: 2)
            let r = child.position - parent.position
            let expected = parent.velocity + parent.omega * SIMD2(-r.y, r.x)
            #expect(abs(child.velocity.x - expected.x) < 1e-5 && abs(child.velocity.y - expected.y) < 1e-5)
        }
    }

    @Test func runsMadeBeforePivotedLinksMoveEachLinkByItsOwnPrediction() throws {
        let (layout, states) = try Self.arm(steps: 10)
        // A run record written before the field existed decodes it as nil.
        var fields = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(WorldModelConfig())) as? [String: Any])
        fields["pivotedLinks"] = nil
        let old = try JSONDecoder().decode(WorldModelConfig.self, from: JSONSerialization.data(withJSONObject: fields))
        #expect(old.pivotedLinks == nil)
        let (_, data) = try RobotBodiesTests.armRollout(steps: 1)
        let before = try #require(RunRecord(config: old, data: data).stateLayout)
        #expect(!before.keepsPivots && before.inputSize(actionSize: 3) == layout.inputSize(actionSize: 3))
        // Its target rows are each link's own displacement and velocity in its frame, as before.
        let now = states.rows(0..<10), next = states.rows(1..<11)
        let targets = before.targets(from: now, to: next)
        for n in 0..<10 {
            let link = before.pose(now, row: n, body: 2), then = before.pose(next, row: n, body: 2)
            let displacement = link.local(then.position - link.position)
            let row = n * before.bodyCount + 2
            #expect(abs(targets[row, 0] - displacement.x) < 1e-6 && abs(targets[row, 1] - displacement.y) < 1e-6)
        }
    }
}
