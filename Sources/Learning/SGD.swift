/// Stochastic gradient descent with (heavy-ball) momentum, PyTorch's form:
/// v ← μ v + g, θ ← θ − η v (μ = 0 is plain SGD).
public struct SGD: Optimizer {
    /// The step size η.
    public var learningRate: Float
    /// The momentum μ in [0, 1).
    public var momentum: Float
    /// Steps taken.
    public private(set) var stepCount = 0
    private var velocity: [Float] = []

    /// Creates the optimizer.
    public init(learningRate: Float, momentum: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// Updates `parameters` from `gradients`.
    public mutating func step(parameters: inout [Float], gradients: [Float]) {
        precondition(parameters.count == gradients.count, "SGD: \(parameters.count) parameters but \(gradients.count) gradients")
        stepCount += 1
        let eta = learningRate, mu = momentum
        if mu == 0 {
            parameters.withUnsafeMutableBufferPointer { p in
                gradients.withUnsafeBufferPointer { g in
                    for i in 0..<p.count { p[i] -= eta * g[i] }
                }
            }
            return
        }
        if velocity.count != parameters.count { velocity = [Float](repeating: 0, count: parameters.count) }
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                velocity.withUnsafeMutableBufferPointer { v in
                    for i in 0..<p.count {
                        v[i] = mu * v[i] + g[i]
                        p[i] -= eta * v[i]
                    }
                }
            }
        }
    }

    /// Kind `sgd`, hyperparameters `learningRate`, `momentum`, buffer `velocity`.
    public var state: OptimizerState {
        OptimizerState(kind: "sgd", hyperparameters: ["learningRate": learningRate, "momentum": momentum],
                       step: stepCount, buffers: velocity.isEmpty ? [:] : ["velocity": velocity])
    }

    /// Resumes from a saved `sgd` state.
    public mutating func restore(_ state: OptimizerState) throws {
        try state.requireKind("sgd")
        learningRate = state.hyperparameters["learningRate"] ?? learningRate
        momentum = state.hyperparameters["momentum"] ?? momentum
        velocity = try state.buffer("velocity", count: nil)
        stepCount = state.step
    }
}
