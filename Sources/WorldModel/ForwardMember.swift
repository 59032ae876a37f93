import Learning
import TensorCore

/// One network of a forward model's ensemble: a predictive-coding network or its backprop twin, with its own Adam.
final class ForwardMember {
    private let pc: PredictiveCodingNetwork?
    private let mlp: MLP?
    /// The member's weight optimizer.
    var optimizer: Adam
    private var gradient = Matrix(rows: 0, cols: 0)

    /// A fresh network of `config` trained by `rule`, weights drawn from `seed`.
    init(rule: ForwardRule, config: PCConfig, learningRate: Float, seed: UInt64) {
        optimizer = Adam(learningRate: learningRate)
        switch rule {
        case .pc:
            pc = PredictiveCodingNetwork(config: config, seed: seed)
            mlp = nil
        case .bp:
            pc = nil
            mlp = MLP(config: config.mlpConfig, seed: seed)
        }
    }

    /// Every weight and bias (the same layout for both rules).
    var parameters: [Float] {
        get { pc?.parameters ?? mlp!.parameters }
        set {
            if let pc { pc.parameters = newValue } else { mlp!.parameters = newValue }
        }
    }

    /// One training step on a standardised batch; returns the output MSE before the step.
    func train(input: Matrix, target: Matrix) throws -> Double {
        if let pc { return try pc.train(input: input, target: target, optimizer: &optimizer).outputLoss }
        let mlp = mlp!
        if gradient.rows != input.rows || gradient.cols != target.cols { gradient = Matrix(rows: input.rows, cols: target.cols) }
        mlp.zeroGradients()
        let loss = Double(MeanSquaredError()(mlp.forward(input), target, gradient: &gradient))
        mlp.accumulateParameterGradients(gradient)
        optimizer.step(parameters: &mlp.parameters, gradients: mlp.gradients)
        return loss
    }

    /// The feedforward prediction on standardised inputs.
    func predict(_ input: Matrix) -> Matrix {
        pc?.predict(input) ?? mlp!.forward(input)
    }
}
