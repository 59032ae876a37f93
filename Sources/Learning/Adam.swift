import Foundation

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

/// AdamW (Loshchilov & Hutter): Adam with weight decay decoupled from the gradient, θ ← θ − η λ θ.
public struct AdamW: Optimizer {
    /// The step size η.
    public var learningRate: Float
    /// Moment decay rates and the denominator floor.
    public var beta1: Float, beta2: Float, epsilon: Float
    /// The decoupled decay λ.
    public var weightDecay: Float
    var moments = AdamMoments()

    /// Creates the optimizer.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0.01) {
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
                       epsilon: epsilon, l2: 0, decoupledDecay: weightDecay)
    }

    /// Kind `adamw`, buffers `m`, `v`.
    public var state: OptimizerState {
        moments.state(kind: "adamw", hyperparameters: ["learningRate": learningRate, "beta1": beta1, "beta2": beta2,
                                                        "epsilon": epsilon, "weightDecay": weightDecay])
    }

    /// Resumes from a saved `adamw` state.
    public mutating func restore(_ state: OptimizerState) throws {
        try state.requireKind("adamw")
        let h = state.hyperparameters
        learningRate = h["learningRate"] ?? learningRate
        beta1 = h["beta1"] ?? beta1
        beta2 = h["beta2"] ?? beta2
        epsilon = h["epsilon"] ?? epsilon
        weightDecay = h["weightDecay"] ?? weightDecay
        try moments.restore(state)
    }
}

/// The moment buffers and the fused update shared by `Adam` and `AdamW`.
struct AdamMoments: Sendable {
    var m: [Float] = []
    var v: [Float] = []
    var step = 0

    /// One Adam step with coupled (`l2`) and decoupled (`decoupledDecay`) weight decay.
    mutating func update(_ parameters: inout [Float], gradients: [Float], learningRate: Float, beta1: Float,
                         beta2: Float, epsilon: Float, l2: Float, decoupledDecay: Float) {
        precondition(parameters.count == gradients.count, "Adam: \(parameters.count) parameters but \(gradients.count) gradients")
        if m.count != parameters.count {
            m = [Float](repeating: 0, count: parameters.count)
            v = [Float](repeating: 0, count: parameters.count)
        }
        step += 1
        let c1 = 1 / (1 - Float(Foundation.pow(Double(beta1), Double(step))))
        let c2 = 1 / (1 - Float(Foundation.pow(Double(beta2), Double(step))))
        let eta = learningRate, shrink = 1 - learningRate * decoupledDecay
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { pm in
                    v.withUnsafeMutableBufferPointer { pv in
                        for i in 0..<p.count {
                            let grad = g[i] + l2 * p[i]
                            pm[i] = beta1 * pm[i] + (1 - beta1) * grad
                            pv[i] = beta2 * pv[i] + (1 - beta2) * grad * grad
                            p[i] = shrink * p[i] - eta * (pm[i] * c1) / ((pv[i] * c2).squareRoot() + epsilon)
                        }
                    }
                }
            }
        }
    }

    /// A snapshot under `kind`.
    func state(kind: String, hyperparameters: [String: Float]) -> OptimizerState {
        OptimizerState(kind: kind, hyperparameters: hyperparameters, step: step,
                       buffers: m.isEmpty ? [:] : ["m": m, "v": v])
    }

    /// Restores buffers and step from `state`.
    mutating func restore(_ state: OptimizerState) throws {
        m = try state.buffer("m", count: nil)
        v = try state.buffer("v", count: m.count)
        step = state.step
    }
}
