import Learning
import TensorCore

/// One caller's buffers and noise source for a `StochasticForwardModel`'s predictions.
public struct StochasticForwardWorkspace: Sendable {
    var forward: ForwardWorkspace
    var base = Matrix(rows: 0, cols: 0)
    var noise = Matrix(rows: 0, cols: 0)
    /// The last step's standardised inputs (noise included) and outputs.
    var inputs = Matrix(rows: 0, cols: 0)
    var outputs = Matrix(rows: 0, cols: 0)
    /// The learned prior's activations (unused with N(0, I)).
    var prior: MLPWorkspace?
    /// The rollout's z when the model holds one per rollout (drawn at the first step; nil: draw at the next step).
    /// One workspace per rollout, or set it to nil before the next.
    var heldNoise: Matrix?
    /// Where every step's noise comes from.
    public var random: RandomStream
    /// z = μ + `noiseScale` · σ · ε, ε ~ N(0, I) (μ = 0, σ = 1 without a learned prior): 1 samples the prior, 0 its
    /// mean (the deterministic path under N(0, I)).
    public var noiseScale: Float

    /// Buffers for `model`, noise drawn from `random`.
    public init(for model: StochasticForwardModel, random: RandomStream, noiseScale: Float = 1) {
        forward = ForwardWorkspace(for: model.generator)
        prior = model.prior.map { MLPWorkspace(for: $0) }
        self.random = random
        self.noiseScale = noiseScale
    }
}

extension StochasticForwardModel: StepPredictor {
    /// A workspace seeded with 0 (pass `StochasticForwardWorkspace(for:random:)` for other seeds).
    public func makeWorkspace() -> StochasticForwardWorkspace {
        StochasticForwardWorkspace(for: self, random: RandomStream(seed: 0))
    }

    /// One sampled step: `next = x + f([x, a], z)` with fresh z from the prior, ε from the workspace's stream (or the
    /// rollout's held z, `noisePerRollout`).
    ///
    /// Allocates nothing once the workspace has seen batch size B (under N(0, I)).
    public func predictNext(_ x: Matrix, actions: Matrix, into next: inout Matrix, workspace: inout StochasticForwardWorkspace) {
        if noisePerRollout, let held = workspace.heldNoise, held.rows == x.rows * rowsPerState {
            predictNext(x, actions: actions, noise: held, into: &next, workspace: &workspace)
            return
        }
        drawNoise(rows: x.rows * rowsPerState, workspace: &workspace)
        if let prior {
            // ε carries `noiseScale` already (`drawNoise`), so z = μ + noiseScale · σ · ε.
            standardizedInputs(x, actions: actions, noise: workspace.noise, base: &workspace.base, into: &workspace.inputs)
            let distribution = DiagonalGaussian(packed: prior.forward(workspace.inputs.columns(0..<baseInputSize), workspace: &workspace.prior!))
            workspace.noise = distribution.sample(epsilon: workspace.noise)
        }
        if noisePerRollout { workspace.heldNoise = workspace.noise }
        predictNext(x, actions: actions, noise: workspace.noise, into: &next, workspace: &workspace)
    }

    /// One step with the given noise `[B * rowsPerState, noiseSize]`; leaves the standardised inputs and outputs in
    /// the workspace (`inputs`, `outputs`).
    func predictNext(_ x: Matrix, actions: Matrix, noise: Matrix, into next: inout Matrix,
                     workspace: inout StochasticForwardWorkspace) {
        standardizedInputs(x, actions: actions, noise: noise, base: &workspace.base, into: &workspace.inputs)
        generator.averageMembers(workspace.inputs, workspace: &workspace.forward)
        workspace.outputs.resize(rows: workspace.forward.mean.rows, cols: workspace.forward.mean.cols)
        workspace.outputs.assign(workspace.forward.mean)
        generator.invertTargetStandardization(&workspace.forward.mean)
        next.resize(rows: x.rows, cols: x.cols)
        next.assign(x)
        if let layout = generator.layout { layout.apply(workspace.forward.mean, to: &next) } else { next.add(workspace.forward.mean) }
    }

    /// Fills `workspace.noise` with `rows` draws of `noiseScale` · N(0, I).
    func drawNoise(rows: Int, workspace: inout StochasticForwardWorkspace) {
        workspace.noise.resize(rows: rows, cols: noiseSize)
        for i in 0..<workspace.noise.storage.count { workspace.noise.storage[i] = workspace.noiseScale * workspace.random.normal() }
    }
}

extension StochasticForwardModel {
    /// `samples` sampled futures of every start: from starts `[N, D]` under actions `[H * N, A]` (row `h * N + n`), the
    /// trajectories `[(H + 1) * samples * N, D]`, row `h * samples * N + s * N + n` for sample s of start n.
    ///
    /// The noise comes from `random` (the same stream gives the same futures); `noiseScale` 0 gives `samples`
    /// copies of the zero-noise trajectory.
    public func sampleFutures(starts: Matrix, actions: Matrix, samples: Int, random: RandomStream, noiseScale: Float = 1) -> Matrix {
        let n = starts.rows
        precondition(n > 0 && actions.rows % n == 0 && samples > 0, "StochasticForwardModel: \(actions.rows) action rows for \(n) starts")
        let horizon = actions.rows / n
        let copies = Array(repeating: Array(0..<n), count: samples).flatMap { $0 }
        let repeatedActions = actions.gatherRows((0..<horizon).flatMap { h in copies.map { h * n + $0 } })
        var rollout = Rollout(model: self, workspace: StochasticForwardWorkspace(for: self, random: random, noiseScale: noiseScale))
        return rollout.run(starts: starts.gatherRows(copies), actions: repeatedActions)
    }
}
