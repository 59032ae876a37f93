import Learning
import Testing
import TensorCore

/// The critic (spectrally normalised MLP), the GAN losses, and the generator rule through displaced targets.
@Suite struct CriticTests {
    /// The non-saturating generator loss of `critic` on rows `x`, through a fresh workspace.
    static func generatorLoss(_ critic: Critic, _ x: Matrix) -> Double {
        var workspace = CriticWorkspace(for: critic)
        return AdversarialLoss.nonSaturating.generatorLoss(fake: critic.scores(x, workspace: &workspace)).loss
    }

    @Test func criticGradientsMatchFiniteDifferences() {
        var critic = Critic(inputSize: 5, hidden: [6, 4], seed: 3)
        for _ in 0..<3 { critic.updateSpectralEstimates() }
        let x = randomMatrix(7, 5, seed: 4)
        var workspace = CriticWorkspace(for: critic)
        let (_, gradScores) = AdversarialLoss.nonSaturating.generatorLoss(fake: critic.scores(x, workspace: &workspace))
        var gradients = critic.network.zeroGradients()
        let inputGradient = critic.backward(gradScores, workspace: &workspace, gradients: &gradients)
        let numericInput = numericGradient(x.storage, step: 3e-3) { Self.generatorLoss(critic, Matrix(rows: 7, cols: 5, elements: $0)) }
        #expect(relativeError(inputGradient.storage, numericInput) < 1e-2)
        // u and v stay fixed between the probes, so σ = uᵀWv moves with W as the gradient assumes.
        let numericParameters = numericGradient(critic.parameters, step: 3e-3) { values in
            var probe = critic
            probe.parameters = values
            return Self.generatorLoss(probe, x)
        }
        #expect(relativeError(gradients, numericParameters) < 1e-2)
    }

    @Test(arguments: AdversarialLoss.allCases)
    func lossGradientsMatchFiniteDifferences(loss: AdversarialLoss) {
        // Scores away from the hinge's kinks at ±1.
        let real = Matrix(rows: 4, cols: 1, elements: [0.3, 1.7, -0.4, 0.8]), fake = Matrix(rows: 3, cols: 1, elements: [-1.6, 0.2, -0.5])
        let (_, gradReal, gradFake) = loss.criticLoss(real: real, fake: fake)
        let numericReal = numericGradient(real.storage, step: 1e-3) { loss.criticLoss(real: Matrix(rows: 4, cols: 1, elements: $0), fake: fake).loss }
        let numericFake = numericGradient(fake.storage, step: 1e-3) { loss.criticLoss(real: real, fake: Matrix(rows: 3, cols: 1, elements: $0)).loss }
        #expect(relativeError(gradReal.storage, numericReal) < 1e-3)
        #expect(relativeError(gradFake.storage, numericFake) < 1e-3)
        let (_, gradGenerator) = loss.generatorLoss(fake: fake)
        let numericGenerator = numericGradient(fake.storage, step: 1e-3) { loss.generatorLoss(fake: Matrix(rows: 3, cols: 1, elements: $0)).loss }
        #expect(relativeError(gradGenerator.storage, numericGenerator) < 1e-3)
    }

    @Test func powerIterationFindsEachLayersLargestSingularValue() {
        var critic = Critic(inputSize: 6, hidden: [5], seed: 8)
        for _ in 0..<200 { critic.updateSpectralEstimates() }
        for (layer, sigma) in zip(critic.network.layers, critic.spectralNorms) {
            // The naive reference: the largest eigenvalue of WᵀW by power iteration in Double.
            let w = critic.parameters[layer.weightRange].map(Double.init), n = layer.inputSize, m = layer.outputSize
            var v = [Double](repeating: 1, count: n), eigenvalue = 0.0
            for _ in 0..<500 {
                let wv = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + w[i * n + $1] * v[$1] } }
                let next = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + w[$1 * n + j] * wv[$1] } }
                eigenvalue = (next.reduce(0) { $0 + $1 * $1 }).squareRoot()
                v = next.map { $0 / eigenvalue }
            }
            #expect(abs(Double(sigma) - eigenvalue.squareRoot()) < 1e-4 * eigenvalue.squareRoot())
        }
    }

    /// Trains a predictive-coding generator z → y on samples of y ∈ {−1, +1}, with the critic (displaced targets) or
    /// with squared error alone, and returns the shares of 2000 fresh samples near −1 and near +1.
    static func bimodalShares(adversarial: Bool) throws -> (low: Double, high: Double) {
        var generator = PredictiveCodingNetwork(config: PCConfig(layerSizes: [1, 16, 16, 1], activation: .tanh, inferenceSteps: 4,
                                                                 inferenceRate: 0.5, variant: .fixedPrediction), seed: 1)
        var optimizer = Adam(learningRate: 2e-3, beta1: 0.5)
        var workspace = PCWorkspace(for: generator)
        var critic = Critic(inputSize: 1, hidden: [32, 32], seed: 2)
        var criticTraining = CriticTraining(for: critic, learningRate: 2e-3)
        var criticWorkspace = CriticWorkspace(for: critic)
        var rng = RandomStream(seed: 3)
        let batch = 64
        for _ in 0..<1500 {
            let z = Matrix.normal(rows: batch, cols: 1, rng: &rng)
            let real = Matrix(rows: batch, cols: 1, elements: (0..<batch).map { _ in (rng.uniform() < 0.5 ? -1 : 1) + 0.05 * rng.normal() })
            let target: Matrix
            if adversarial {
                let fake = generator.predict(z, workspace: &workspace)
                try criticTraining.step(&critic, real: real, fake: fake, loss: .hinge)
                let gradient = critic.generatorGradient(fake, loss: .hinge, workspace: &criticWorkspace).gradient
                target = Critic.displacedTargets(fake, gradient: gradient, weight: 0.5)
            } else {
                target = real
            }
            try generator.train(input: z, target: target, optimizer: &optimizer, workspace: &workspace)
        }
        let samples = generator.predict(Matrix.normal(rows: 2000, cols: 1, rng: &rng), workspace: &workspace).storage
        return (Double(samples.filter { abs($0 + 1) < 0.3 }.count) / 2000, Double(samples.filter { abs($0 - 1) < 0.3 }.count) / 2000)
    }

    @Test func theCriticMakesANoiseDrivenGeneratorCoverBothModes() throws {
        let gan = try Self.bimodalShares(adversarial: true)
        #expect(gan.low > 0.25 && gan.high > 0.25, "GAN samples near −1: \(gan.low), near +1: \(gan.high)")
        let mse = try Self.bimodalShares(adversarial: false)
        #expect(mse.low < 0.05 && mse.high < 0.05, "MSE samples near −1: \(mse.low), near +1: \(mse.high)")
    }
}
