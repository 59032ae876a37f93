/// How Adam applies weight decay λ.
public enum WeightDecay: Sendable, Equatable {
    /// No decay.
    case none
    /// Classic L2: λθ is added to the gradient and goes through the moment estimates.
    case coupled(Float)
    /// AdamW (Loshchilov & Hutter): θ ← θ − ηλθ, outside the moment estimates.
    case decoupled(Float)

    /// The decay rate λ.
    var rate: Float {
        switch self {
        case .none: return 0
        case .coupled(let lambda), .decoupled(let lambda): return lambda
        }
    }
}

/// Adam (Kingma & Ba), and AdamW through `WeightDecay.decoupled`.
///
/// m ← β₁ m + (1−β₁) g, v ← β₂ v + (1−β₂) g², θ ← θ − η m̂ / (√v̂ + ε) with bias-corrected m̂, v̂.
public struct Adam: Optimizer {
    /// The step size η.
    public var learningRate: Float
    /// Moment decay rates and the denominator floor.
    public var beta1: Float, beta2: Float, epsilon: Float
    /// The weight decay and how it is applied.
    public var weightDecay: WeightDecay
    var moments = AdamMoments()

    /// Creates the optimizer (classic Adam unless `weightDecay` is `.decoupled`).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: WeightDecay = .none) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// AdamW: Adam with decoupled weight decay λ (default 0.01).
    public static func adamW(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                             epsilon: Float = 1e-8, weightDecay: Float = 0.01) -> Adam {
        Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
             weightDecay: .decoupled(weightDecay))
    }

    /// Steps taken.
    public var stepCount: Int { moments.step }

    /// The checkpoint kind: `adamw` with decoupled decay, `adam` otherwise.
    var kind: String {
        if case .decoupled = weightDecay { return "adamw" }
        return "adam"
    }

    /// Updates `parameters` from `gradients`.
    public mutating func step(parameters: inout [Float], gradients: [Float]) {
        var coupled: Float = 0, decoupled: Float = 0
        switch weightDecay {
        case .none: break
        case .coupled(let lambda): coupled = lambda
        case .decoupled(let lambda): decoupled = lambda
        }
        moments.update(&parameters, gradients: gradients, learningRate: learningRate, beta1: beta1, beta2: beta2,
                       epsilon: epsilon, l2: coupled, decoupledDecay: decoupled)
    }

    /// Kind `adam` or `adamw`, buffers `m`, `v`.
    public var state: OptimizerState {
        moments.state(kind: kind, hyperparameters: ["learningRate": learningRate, "beta1": beta1, "beta2": beta2,
                                                     "epsilon": epsilon, "weightDecay": weightDecay.rate])
    }

    /// Resumes from a saved state of the same kind.
    public mutating func restore(_ state: OptimizerState) throws {
        try state.requireKind(kind)
        let h = state.hyperparameters
        learningRate = h["learningRate"] ?? learningRate
        beta1 = h["beta1"] ?? beta1
        beta2 = h["beta2"] ?? beta2
        epsilon = h["epsilon"] ?? epsilon
        if let lambda = h["weightDecay"] {
            switch weightDecay {
            case .none: if lambda != 0 { weightDecay = .coupled(lambda) }
            case .coupled: weightDecay = .coupled(lambda)
            case .decoupled: weightDecay = .decoupled(lambda)
            }
        }
        try moments.restore(state)
    }
}
