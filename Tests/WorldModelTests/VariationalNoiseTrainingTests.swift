import Foundation
import Learning
import Testing
import TensorCore
import TestSupport
@testable import WorldModel

/// SAVP's VAE path of the stochastic state model: the inference network's and the learned prior's gradients, old
/// settings decoding as the GAN model, and prior samples covering both modes of a bimodal change.
@Suite struct VariationalNoiseTrainingTests {
    /// A stochastic model on `StochasticForwardModelTests`' three-body layout, a learned prior when asked, and its training.
    static func training(prior: NoisePrior) throws -> (model: StochasticForwardModel, training: VariationalNoiseTraining) {
        var config = WorldModelConfig()
        config.forwardHidden = [16, 16]
        config.forwardActivation = .tanh
        var model = StochasticForwardModel(extending: try StochasticForwardModelTests.deterministic(), config: config, noiseSize: 2, seed: 2)
        var settings = VariationalSettings()
        settings.prior = prior
        settings.hidden = [8]
        settings.klWeight = 0.3
        if prior == .learned { model.prior = model.makePrior(hidden: [7], seed: 3) }
        return (model, VariationalNoiseTraining(for: model, changeSize: 6, settings: settings, seed: 4))
    }

    /// Reconstruction + β KL of `training`'s rows after sampling the posterior with ε from a fixed stream, and the
    /// analytic gradients.
    static func objective(_ model: StochasticForwardModel, _ training: VariationalNoiseTraining)
        -> (value: Double, posterior: [Float], prior: [Float]?) {
        var training = training, random = RandomStream(seed: 11)
        let base = randomMatrix(rows: 6, cols: model.baseInputSize, seed: 12), changes = randomMatrix(rows: 6, cols: 6, seed: 13)
        let targets = randomMatrix(rows: 6, cols: 6, seed: 14)
        // Rows 0–3 hold their own z, rows 4 and 5 the z of rows 0 and 1 again (as a window's later steps do).
        let noise = training.sampleNoise(base: base.rows(0..<4), changes: changes.rows(0..<4), random: &random)
        let noiseRows = [0, 1, 2, 3, 0, 1]
        let result = training.objective(model: model, inputs: Matrix.columns(base, noise.gatherRows(noiseRows)), targets: targets,
                                        noiseRows: noiseRows)
        return (result.reconstruction + Double(training.settings.klWeight) * result.kl, result.posteriorGradients, result.priorGradients)
    }

    /// ‖analytic − numeric‖ / ‖numeric‖ of central differences of `value` over `parameters`.
    static func relativeError(_ analytic: [Float], _ parameters: [Float], value: ([Float]) -> Double) -> Double {
        var difference = 0.0, norm = 0.0, probe = parameters
        for i in parameters.indices {
            probe[i] = parameters[i] + 1e-3
            let plus = value(probe), up = probe[i]
            probe[i] = parameters[i] - 1e-3
            let numeric = (plus - value(probe)) / Double(up - probe[i])
            probe[i] = parameters[i]
            difference += (numeric - Double(analytic[i])) * (numeric - Double(analytic[i]))
            norm += numeric * numeric
        }
        return (difference / max(norm, 1e-30)).squareRoot()
    }

    @Test(arguments: NoisePrior.allCases)
    func inferenceNetworkAndPriorGradientsMatchFiniteDifferences(prior: NoisePrior) throws {
        let (model, training) = try Self.training(prior: prior)
        let analytic = Self.objective(model, training)
        let posteriorError = Self.relativeError(analytic.posterior, training.posterior.parameters) { values in
            var probe = training
            probe.posterior.parameters = values
            return Self.objective(model, probe).value
        }
        #expect(posteriorError < 1e-2, "inference network: ‖analytic − numeric‖ / ‖numeric‖ = \(posteriorError)")
        #expect((analytic.prior == nil) == (prior == .fixed))
        if let priorGradients = analytic.prior, let network = model.prior {
            let priorError = Self.relativeError(priorGradients, network.parameters) { values in
                var probe = model
                probe.prior!.parameters = values
                return Self.objective(probe, training).value
            }
            #expect(priorError < 1e-2, "learned prior: ‖analytic − numeric‖ / ‖numeric‖ = \(priorError)")
        }
    }

    @Test func settingsWithoutTheVAEFieldsDecodeAsTheGANModel() throws {
        var config = StochasticTrainingConfig()
        config.objective = .vaeGan
        config.variational.prior = .learned
        var fields = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any])
        #expect(fields.removeValue(forKey: "objective") != nil && fields.removeValue(forKey: "variational") != nil)
        let old = try JSONDecoder().decode(StochasticTrainingConfig.self, from: JSONSerialization.data(withJSONObject: fields))
        #expect(old == StochasticTrainingConfig())
        #expect(try JSONDecoder().decode(StochasticTrainingConfig.self, from: JSONEncoder().encode(config)) == config)
    }

    /// Episodes of a 1-D state whose every step changes it by +1 or −1 (fair coin, a little jitter), actions unrelated.
    static func bimodalEpisodes(_ count: Int, seed: UInt64) -> EpisodeData {
        var rng = RandomStream(seed: seed)
        var states = Matrix(rows: count * 3, cols: 1)
        for e in 0..<count {
            states[e * 3, 0] = rng.normal()
            for t in 1...2 { states[e * 3 + t, 0] = states[e * 3 + t - 1, 0] + (rng.uniform() < 0.5 ? -1 : 1) + 0.05 * rng.normal() }
        }
        return EpisodeData(episodeCount: count, steps: 2, states: states, actions: Matrix.normal(rows: count * 2, cols: 1, rng: &rng),
                           rawPixels: nil, pixelSide: 0, pooling: 1, bodies: [])
    }

    @Test(arguments: NoisePrior.allCases)
    func priorSamplesOfTheTrainedVAECoverBothModes(prior: NoisePrior) throws {
        var runConfig = WorldModelConfig()
        runConfig.forwardHidden = [32, 32]
        runConfig.forwardActivation = .tanh
        let deterministic = ForwardModel(rule: .pc, config: runConfig, inputNormalizer: Normalizer(identity: 2),
                                         targetNormalizer: Normalizer(identity: 1), seed: 1)
        var config = StochasticTrainingConfig()
        config.objective = .vae
        config.variational.prior = prior
        config.variational.klWeight = 0.1
        config.noiseSize = 1
        config.horizon = 1
        config.batch = 32
        config.generatorLearningRate = 2e-3
        let data = Self.bimodalEpisodes(256, seed: 5)
        var training = try StochasticForwardTraining(deterministic: deterministic, runConfig: runConfig, train: data, config: config)
        for _ in 0..<40 { try training.trainEpoch(on: data) }
        var rng = RandomStream(seed: 6)
        let starts = Matrix.normal(rows: 2000, cols: 1, rng: &rng), actions = Matrix.normal(rows: 2000, cols: 1, rng: &rng)
        let futures = training.model.sampleFutures(starts: starts, actions: actions, samples: 1, random: RandomStream(seed: 7))
        let changes = (0..<2000).map { futures[2000 + $0, 0] - starts[$0, 0] }
        let low = Double(changes.filter { abs($0 + 1) < 0.3 }.count) / 2000, high = Double(changes.filter { abs($0 - 1) < 0.3 }.count) / 2000
        #expect(low > 0.25 && high > 0.25, "prior samples near −1: \(low), near +1: \(high)")
        #expect(training.history.last!.klDivergence! > 0.1, "the posterior carries no information (KL \(training.history.last!.klDivergence!))")
    }
}
