import Learning
import TensorCore

/// The contrastive world model: encoder `z = E(o)` and latent transition `T(z, a)`, trained jointly
/// so that `z_t + T(z_t, a_t)` lands on `z_{t+1}` and away from other states (C-SWM).
public final class ContrastiveModel {
    /// The encoder.
    public let encoder: ObservationEncoder
    /// The transition MLP on `[z, a]` → `Δz`.
    public let transition: MLP
    /// One Adam per network: the encoder's networks, then the transition.
    public var optimizers: [Adam]
    private var infoNCE: InfoNCELoss?

    /// A fresh model for `actionSize`-dimensional actions.
    public init(config: WorldModelConfig, stateNormalizer: Normalizer, frameSide: Int, actionSize: Int) {
        encoder = ObservationEncoder(config: config, stateNormalizer: stateNormalizer, frameSide: frameSide,
                                     seed: childSeed(config.seed, 1))
        transition = MLP(config: MLPConfig(inputSize: config.latentSize + actionSize, hiddenSizes: config.transitionHidden,
                                           outputSize: config.latentSize, activation: .relu, outputActivation: .identity,
                                           layerNorm: false),
                         seed: childSeed(config.seed, 2))
        optimizers = (0..<(encoder.networks.count + 1)).map { _ in Adam(learningRate: config.encoderLearningRate) }
        if case let .infoNCE(temperature) = config.objective { infoNCE = InfoNCELoss(temperature: temperature) }
    }

    /// Every trainable network, in checkpoint order: encoder networks, then the transition.
    public var networks: [MLP] { encoder.networks + [transition] }

    /// `z + T(z, a)` for latents `[B, Z]` and actions `[B, A]`.
    public func predictNext(_ z: Matrix, actions: Matrix) -> Matrix {
        var next = transition.forward(Matrix.columns(z, actions))
        next.add(z)
        return next
    }

    /// An epoch's visiting order: each episode's transitions shuffled and paired, pairs shuffled,
    /// so rows `2j` and `2j + 1` of every (even-sized) batch come from the same episode.
    public static func pairedOrder(_ transitions: [(episode: Int, step: Int)], rng: inout RandomStream) -> [(episode: Int, step: Int)] {
        var byEpisode: [Int: [(episode: Int, step: Int)]] = [:]
        for t in transitions { byEpisode[t.episode, default: []].append(t) }
        var pairs: [[(episode: Int, step: Int)]] = []
        var leftovers: [(episode: Int, step: Int)] = []
        for episode in byEpisode.keys.sorted() {
            var steps = byEpisode[episode]!
            rng.shuffle(&steps)
            for j in stride(from: 0, to: steps.count - 1, by: 2) { pairs.append([steps[j], steps[j + 1]]) }
            if steps.count % 2 == 1 { leftovers.append(steps.last!) }
        }
        rng.shuffle(&pairs)
        return pairs.flatMap { $0 } + leftovers
    }

    /// One pass over `transitions` (pairs `(episode, step)` of `data`) in the order given.
    ///
    /// With `train == false` nothing is updated (validation). Returns the mean loss.
    public func run(_ data: EpisodeData, transitions: [(episode: Int, step: Int)], batchSize: Int,
                    rng: inout RandomStream, train: Bool, progress: (Int) -> Void = { _ in }) throws -> Double {
        var total = 0.0, batches = 0, start = 0
        let latent = encoder.config.latentSize
        while start < transitions.count {
            let end = min(start + batchSize, transitions.count)
            let batch = transitions[start..<end]
            start = end
            guard batch.count > 1 else { continue }
            let b = batch.count
            let frames = batch.map { data.frame(episode: $0.episode, step: $0.step) }
                + batch.map { data.frame(episode: $0.episode, step: $0.step + 1) }
            let actions = data.actions.gatherRows(batch.map { data.transition(episode: $0.episode, step: $0.step) })
            let zAll = encoder.forward(encoder.input(data, frames: frames))
            let z = zAll.rows(0..<b), next = zAll.rows(b..<(2 * b))
            let delta = transition.forward(Matrix.columns(z, actions))
            var gz = Matrix(rows: b, cols: latent), gt = gz, gn = gz
            let loss: Float
            if var nce = infoNCE {
                var anchors = delta
                anchors.add(z)
                loss = nce(anchors: anchors, positives: next, anchorGradient: &gt, positiveGradient: &gn)
                gz.assign(gt)
                infoNCE = nce
            } else {
                guard case let .hinge(margin) = encoder.config.objective else { preconditionFailure("objective") }
                var negatives = ContrastiveHingeLoss.shuffledNegatives(count: b, rng: &rng)
                // Rows 2j and 2j+1 come from one episode (see `pairedOrder`): some pairs serve as each
                // other's negatives, so the encoder must also tell apart states of the same scene.
                let fraction = encoder.config.sameEpisodeNegatives
                for j in stride(from: 0, to: b - 1, by: 2) where fraction > 0 && rng.uniform() < fraction {
                    negatives[j] = j + 1
                    negatives[j + 1] = j
                }
                loss = ContrastiveHingeLoss(margin: margin)(state: z, transition: delta, next: next, negatives: negatives,
                                                            stateGradient: &gz, transitionGradient: &gt, nextGradient: &gn)
            }
            guard loss.isFinite else { throw TrainingError(quantity: "loss", step: batches, detail: "contrastive encoder") }
            total += Double(loss)
            batches += 1
            if train {
                for network in networks { network.zeroGradients() }
                let gradInput = transition.backward(gt)
                var gradAll = Matrix(rows: 2 * b, cols: latent)
                for r in 0..<b {
                    for c in 0..<latent {
                        gradAll[r, c] = gz[r, c] + gradInput[r, c]
                        gradAll[b + r, c] = gn[r, c]
                    }
                }
                encoder.backward(gradAll)
                for (i, network) in networks.enumerated() {
                    optimizers[i].step(parameters: &network.parameters, gradients: network.gradients)
                }
            }
            progress(end)
        }
        return batches > 0 ? total / Double(batches) : 0
    }
}
