import Learning
import Testing
import TensorCore
import TestSupport
@testable import WorldModel

/// The stochastic state model: zero noise is the deterministic model, noise changes the future, sampling is seeded;
/// the critic's window coding; best-of-N and mean-of-N errors.
@Suite struct StochasticForwardModelTests {
    /// A body-frame state model of `BodyFrameTests`' three bodies with random weights and normalisers.
    static func deterministic(rule: ForwardRule = .bp) throws -> ForwardModel {
        let layout = try BodyFrameTests.layout()
        var config = WorldModelConfig()
        config.forwardHidden = [16, 16]
        let inputs = layout.inputSize(actionSize: 2)
        var rng = RandomStream(seed: 9)
        let inputNormalizer = Normalizer(mean: (0..<inputs).map { _ in 0.1 * rng.normal() }, std: (0..<inputs).map { _ in 1 + rng.uniform() })
        let targetNormalizer = Normalizer(mean: [Float](repeating: 0, count: 18), std: (0..<18).map { _ in 0.01 + 0.1 * rng.uniform() })
        return ForwardModel(rule: rule, config: config, inputNormalizer: inputNormalizer, targetNormalizer: targetNormalizer,
                            layout: layout, seed: 5)
    }

    @Test(arguments: ForwardRule.allCases)
    func withZeroNoiseTheModelIsTheDeterministicOne(rule: ForwardRule) throws {
        let deterministic = try Self.deterministic(rule: rule)
        var config = WorldModelConfig()
        config.forwardHidden = [16, 16]
        let stochastic = StochasticForwardModel(extending: deterministic, config: config, noiseSize: 3, seed: 2)
        #expect(stochastic.generator.rule == rule && stochastic.baseInputSize == deterministic.inputNormalizer.count)
        var rng = RandomStream(seed: 4)
        let states = BodyFrameTests.states(20, rng: &rng), actions = Matrix.normal(rows: 20, cols: 2, rng: &rng)
        var workspace = StochasticForwardWorkspace(for: stochastic, random: RandomStream(seed: 1), noiseScale: 0)
        var next = Matrix(rows: 0, cols: 0)
        stochastic.predictNext(states, actions: actions, into: &next, workspace: &workspace)
        expectApproximatelyEqual(next, deterministic.predictNext(states, actions: actions), relative: 1e-5, absolute: 1e-6)
        workspace.noiseScale = 1
        var noisy = Matrix(rows: 0, cols: 0)
        stochastic.predictNext(states, actions: actions, into: &noisy, workspace: &workspace)
        let largest = zip(noisy.storage, next.storage).map { abs($0 - $1) }.max()!
        #expect(largest > 1e-3, "noise left the prediction unchanged (largest difference \(largest))")
    }

    @Test func withNoisePerRolloutEveryStepReadsTheFirstStepsNoise() throws {
        var config = WorldModelConfig()
        config.forwardHidden = [16, 16]
        let model = StochasticForwardModel(extending: try Self.deterministic(), config: config, noiseSize: 2, noisePerRollout: true, seed: 2)
        var rng = RandomStream(seed: 4)
        let states = BodyFrameTests.states(5, rng: &rng), actions = Matrix.normal(rows: 5, cols: 2, rng: &rng)
        var workspace = StochasticForwardWorkspace(for: model, random: RandomStream(seed: 1))
        var next = Matrix(rows: 0, cols: 0), later = Matrix(rows: 0, cols: 0)
        model.predictNext(states, actions: actions, into: &next, workspace: &workspace)
        let first = workspace.inputs.columns(model.baseInputSize..<(model.baseInputSize + 2))
        model.predictNext(next, actions: actions, into: &later, workspace: &workspace)
        #expect(workspace.inputs.columns(model.baseInputSize..<(model.baseInputSize + 2)) == first)
        workspace.heldNoise = nil
        model.predictNext(next, actions: actions, into: &later, workspace: &workspace)
        #expect(workspace.inputs.columns(model.baseInputSize..<(model.baseInputSize + 2)) != first)
    }

    @Test func sampledFuturesAreSeededAndDiffer() throws {
        let deterministic = try Self.deterministic()
        var config = WorldModelConfig()
        config.forwardHidden = [16, 16]
        let model = StochasticForwardModel(extending: deterministic, config: config, noiseSize: 2, seed: 2)
        var rng = RandomStream(seed: 6)
        let starts = BodyFrameTests.states(3, rng: &rng), actions = Matrix.normal(rows: 4 * 3, cols: 2, rng: &rng)
        let futures = model.sampleFutures(starts: starts, actions: actions, samples: 5, random: RandomStream(seed: 1))
        #expect(futures.rows == 5 * 5 * 3)
        #expect(futures == model.sampleFutures(starts: starts, actions: actions, samples: 5, random: RandomStream(seed: 1)))
        #expect(futures.rows(0..<15) == starts.gatherRows(Array(repeating: [0, 1, 2], count: 5).flatMap { $0 }))
        // Sample 0 and sample 1 of start 0 at the last step.
        #expect(futures.row(4 * 15) != futures.row(4 * 15 + 3))
        let zero = model.sampleFutures(starts: starts, actions: actions, samples: 2, random: RandomStream(seed: 1), noiseScale: 0)
        // Rows of one batch may differ in the last bit (BLAS kernels handle row blocks differently).
        expectApproximatelyEqual(zero.row(4 * 6), zero.row(4 * 6 + 3), relative: 1e-5, absolute: 1e-6)
    }

    @Test func windowCodingHoldsTheChangesAndSlicesTheirGradientsBack() throws {
        let model = try Self.deterministic()
        var rng = RandomStream(seed: 7)
        let states = (0...2).map { _ in BodyFrameTests.states(4, rng: &rng) }
        let actions = (0..<2).map { _ in Matrix.normal(rows: 4, cols: 2, rng: &rng) }
        let coding = CriticWindowCoding(model: model, actions: Matrix.stacked(actions), horizon: 2)
        let changes = coding.changes(of: states)
        var expected = model.targets(from: states[1], to: states[2])
        model.standardizeTargets(&expected)
        #expect(changes[1] == expected)
        let rows = coding.encode(starts: states[0], actions: actions, changes: changes)
        #expect(rows.shape == [4, coding.width] && coding.width == 3 * model.inputNormalizer.count + 2 * 2 + 2 * 3 * 6)
        // The gradient slice of a step is where that step's changes sit in the rows.
        #expect(coding.changeGradient(rows, step: 1) == changes[1] && coding.changeGradient(rows, step: 0) == changes[0])
    }

    @Test func reconstructionFollowsEachWindowsNearestSample() {
        // Two windows of two rows per state, three samples, two steps; truth is zero.
        let truth = [Matrix(rows: 4, cols: 1), Matrix(rows: 4, cols: 1)]
        // Rows (s * 2 + n) * 2 + r: window 0 is nearest in sample 2, window 1 in sample 1 (summed over both steps).
        let first = Matrix(rows: 12, cols: 1, elements: [3, 3, 1, 1, 2, 2, 0, 0, 1, 0, 5, 5])
        let second = Matrix(rows: 12, cols: 1, elements: [3, 3, 1, 1, 2, 2, 0, 1, 0, 0, 5, 5])
        #expect(StochasticForwardTraining.nearestRows([first, second], truth: truth, windows: 2, rowsPerState: 2) == [8, 9, 6, 7])
    }

    @Test func bestOfNIsTheNearestSamplePerEpisodeAndMeanOfNTheAverage() {
        // Two episodes, one block (body 0), three samples: row s * 2 + episode, positions (x, y).
        let truth = Matrix([[0, 0], [1, 1]])
        let samples = Matrix([[3, 4], [1, 1], [0, 1], [1, 2], [6, 8], [1, 4]])
        let one = StochasticEvaluation.errors(samples, samples: 1, truth: truth, blocks: [[0], [0]])
        #expect(one.best == 2.5 && one.mean == 2.5)
        let three = StochasticEvaluation.errors(samples, samples: 3, truth: truth, blocks: [[0], [0]])
        #expect(three.best == 0.5)
        #expect(abs(three.mean - ((5.0 + 1 + 10) / 3 + (0 + 1 + 3) / 3) / 2) < 1e-12)
        #expect(StochasticEvaluation.errors(samples, samples: 3, truth: truth, blocks: [[], []]).best.isNaN)
    }
}
