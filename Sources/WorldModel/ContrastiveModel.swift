import Learning
import TensorCore

/// The contrastive world model: encoder `z = E(o)` and latent transition `T(z, a)`, trained jointly
/// so that `z_t + T(z_t, a_t)` lands on `z_{t+1}` and away from other states (C-SWM).
///
/// A value (weights and statistics); `ContrastiveTraining` owns the optimizers and buffers.
public struct ContrastiveModel: Sendable {
    /// The run's configuration (encoder and objective fields).
    public let config: WorldModelConfig
    /// State statistics of the training data (saved with every run, whatever the encoder reads).
    public let stateNormalizer: Normalizer
    /// Per-ray lidar statistics of the training data, when the encoder reads lidar.
    public let lidarNormalizer: Normalizer?
    /// The encoder.
    public var encoder: any ObservationEncoder
    /// The transition `Δz = T(z, a)`: an MLP on `[z, a]`, or a graph network over the slots of a slot encoder.
    public var transition: any TransitionNetwork
    /// Masked slot prediction's predictor (`MaskedSlotPrediction`), when the config asks for it.
    public var maskedPredictor: MLP?

    /// A fresh model for `actionSize`-dimensional actions (`lidarNormalizer` is required when the encoder reads lidar).
    public init(config: WorldModelConfig, stateNormalizer: Normalizer, lidarNormalizer: Normalizer? = nil, frameSide: Int,
                actionSize: Int) {
        self.config = config
        self.stateNormalizer = stateNormalizer
        self.lidarNormalizer = lidarNormalizer
        encoder = makeEncoder(config: config, stateNormalizer: stateNormalizer, lidarNormalizer: lidarNormalizer,
                              frameSide: frameSide, seed: childSeed(config.seed, 1))
        if config.usesSlots, let slots = config.slotCount {
            transition = GraphTransition(slots: slots, slotSize: config.slotLatentSize, actionSize: actionSize,
                                         hidden: config.transitionHidden, seed: childSeed(config.seed, 2))
            if config.losses.usesMasked {
                maskedPredictor = MaskedSlotPrediction.predictor(slots: slots, slotSize: config.slotLatentSize,
                                                                 hidden: config.transitionHidden, seed: childSeed(config.seed, 3))
            }
        } else {
            transition = MLP(config: MLPConfig(inputSize: encoder.latentSize + actionSize, hiddenSizes: config.transitionHidden,
                                               outputSize: encoder.latentSize, activation: .relu, outputActivation: .identity,
                                               layerNorm: false),
                             seed: childSeed(config.seed, 2))
        }
    }

    /// Every trainable network, in checkpoint order: encoder networks, then the transition's, then the masked predictor.
    public var networks: [MLP] {
        get { encoder.networks + transition.networks + (maskedPredictor.map { [$0] } ?? []) }
        set {
            let count = encoder.networks.count, transitionCount = transition.networks.count
            encoder.networks = Array(newValue[..<count])
            transition.networks = Array(newValue[count..<(count + transitionCount)])
            if maskedPredictor != nil { maskedPredictor = newValue.last }
        }
    }

    /// Replaces the parameters of network `index` (in `networks` order).
    public mutating func setParameters(_ values: [Float], network index: Int) {
        var all = networks
        all[index].parameters = values
        networks = all
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

}
