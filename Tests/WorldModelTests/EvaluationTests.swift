import Testing
import TensorCore
@testable import WorldModel

@Suite struct EvaluationTests {
    /// A robot and two objects; position columns `[robot x, y, object1 x, y, object2 x, y]`.
    static let bodies = [
        EpisodeData.BodyPositionColumns(name: "pusher", isObject: false, xColumn: 0, yColumn: 1),
        EpisodeData.BodyPositionColumns(name: "a", isObject: true, xColumn: 2, yColumn: 3),
        EpisodeData.BodyPositionColumns(name: "b", isObject: true, xColumn: 4, yColumn: 5),
    ]
    // Episode 0: object a moves 5 cm, object b 0.5 cm (below the 1 cm threshold: resting).
    // Episode 1: object a stays put, object b moves 20 cm. The robot moves 1 m in both (never counted).
    static let start = Matrix([[0, 0, 0, 0, 1, 1], [0, 0, 0.5, 0.5, -1, 0]])
    static let truth = Matrix([[1, 0, 0.03, 0.04, 1, 1.005], [1, 0, 0.5, 0.5, -1, 0.2]])
    // Errors: a 5 cm, b 0.5 cm (episode 0); a 6 cm, b 10 cm (episode 1).
    static let predicted = Matrix([[0, 0, 0, 0, 1.003, 1.009], [0, 0, 0.5, 0.56, -1.06, 0.12]])

    @Test func movedObjectErrorCountsOnlyObjectsThatMoved() {
        let (bodies, start, truth, predicted) = (Self.bodies, Self.start, Self.truth, Self.predicted)
        let all = Evaluation.meanError(predicted, truth: truth, bodies: bodies, objects: true)
        let moved = Evaluation.meanError(predicted, truth: truth, bodies: bodies, objects: true, movedFrom: start)
        #expect(abs(all - (0.05 + 0.005 + 0.06 + 0.1) / 4) < 1e-6)
        #expect(abs(moved - (0.05 + 0.1) / 2) < 1e-6)
        // "Nothing moves" predicts the start: its error is each object's true displacement.
        let stillAll = Evaluation.meanError(start, truth: truth, bodies: bodies, objects: true)
        let stillMoved = Evaluation.meanError(start, truth: truth, bodies: bodies, objects: true, movedFrom: start)
        #expect(abs(stillAll - (0.05 + 0.005 + 0 + 0.2) / 4) < 1e-6)
        #expect(abs(stillMoved - (0.05 + 0.2) / 2) < 1e-6)
        #expect(Evaluation.movedShare(truth: truth, start: start, bodies: bodies) == 0.5)
    }

    @Test func movedObjectErrorIsUndefinedWhenNothingMoved() {
        let (bodies, start) = (Self.bodies, Self.start)
        #expect(Evaluation.meanError(Self.predicted, truth: start, bodies: bodies, objects: true, movedFrom: start).isNaN)
        #expect(Evaluation.movedShare(truth: start, start: start, bodies: bodies) == 0)
        #expect(Evaluation.metres(.nan) == "n/a" && Evaluation.metres(0.0125) == "0.0125")
    }
}
