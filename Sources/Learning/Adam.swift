/// Adam (Kingma & Ba) with optional L2 weight decay added to the gradient.
///
/// m ← β₁ m + (1−β₁) g, v ← β₂ v + (1−β₂) g², θ ← θ − η m̂ / (√v̂ + ε) with bias-corrected m̂, v̂.
public struct Adam: Optimizer {
    /// The step size η.
    public var learningRate: Float
    /// Moment decay rates and the denominator floor.
    public var beta1: Float, beta2: Float, epsilon: Float
    /// L2 penalty added to the gradient (g + λθ); see `AdamW` for the decoupled form.
    public var weightDecay: Float
    var moments = AdamMoments()

    /// Creates the optimizer.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Steps taken.
    public var stepCount: Int { moments.step }

    /// Updates `parameters` from `gradients`.
    public mutating func step(parameters: inout [Float], gradients: [Float]) {
        moments.update(&parameters, gradients: gradients, learningRate: learningRate, beta1: beta1, beta2: beta2,
                       epsilon: epsilon, l2: weightDecay, decoupledDecay: 0)
    }

    /// Kind `adam`, buffers `m`, `v`.
    public var state: OptimizerState {
        moments.state(kind: "adam", hyperparameters: ["learningRate": learningRate, "beta1": beta1, "beta2": beta2,
                                                       "epsilon": epsilon, "weightDecay": weightDecay])
    }

    /// Resumes from a saved `adam` state.
    public mutating func restore(_ state: OptimizerState) throws {
        try state.requireKind("adam")
        let h = state.hyperparameters
        learningRate = h["learningRate"] ?? learningRate
        beta1 = h["beta1"] ?? beta1
        beta2 = h["beta2"] ?? beta2
        epsilon = h["epsilon"] ?? epsilon
        weightDecay = h["weightDecay"] ?? weightDecay
        try moments.restore(state)
    }
}
