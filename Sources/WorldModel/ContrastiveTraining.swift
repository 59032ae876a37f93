import Learning
import TensorCore

/// The trainer's side of the contrastive model: one Adam per network, workspaces and gradient buffers.
public struct ContrastiveTraining: Sendable {
    /// One Adam per network: the encoder's networks, then the transition.
    public var optimizers: [Adam]
    private var encoderWorkspace: EncoderWorkspace
    private var transitionWorkspace: TransitionWorkspace
    private var encoderGradients: [[Float]]
    private var transitionGradients: [[Float]]
    private var infoNCE: InfoNCELoss?
    private var masked: MaskedSlotPrediction?
    private var predictorGradients: [Float] = []
    /// The mask channels' colours for the mask colour loss (`ColourPrototypes`), fitted on the first training pass's data.
    private var colourPrototypes: Matrix?

    /// Fresh optimizers and buffers for `model`.
    public init(for model: ContrastiveModel) {
        optimizers = model.networks.map { _ in Adam(learningRate: model.config.encoderLearningRate) }
        encoderWorkspace = model.encoder.makeWorkspace()
        transitionWorkspace = model.transition.makeWorkspace()
        encoderGradients = model.encoder.zeroGradients()
        transitionGradients = model.transition.zeroGradients()
        if case let .infoNCE(temperature) = model.config.objective { infoNCE = InfoNCELoss(temperature: temperature) }
        if let predictor = model.maskedPredictor, let slots = model.config.slotCount {
            masked = MaskedSlotPrediction(predictor: predictor, slots: slots, weight: model.config.maskedWeight ?? 1)
            predictorGradients = predictor.zeroGradients()
        }
    }

    /// One pass over `transitions` (pairs `(episode, step)` of `data`) in the order given.
    ///
    /// With `train == false` nothing is updated (validation). Returns the mean loss.
    public mutating func run(_ model: inout ContrastiveModel, data: EpisodeData, transitions: [(episode: Int, step: Int)],
                             batchSize: Int, rng: inout RandomStream, train: Bool,
                             progress: (Int) -> Void = { _ in }) throws -> Double {
        var total = 0.0, batches = 0, start = 0
        let latent = model.encoder.latentSize
        // A fused encoder's sensors each get the objective on their own latent block (with the same negatives), so
        // no sensor's latent is left untrained because another's already tells the frames apart.
        let blocks = (model.encoder as? FusedEncoder)?.latentBlocks ?? [0..<latent]
        while start < transitions.count {
            let end = min(start + batchSize, transitions.count)
            let batch = transitions[start..<end]
            start = end
            guard batch.count > 1 else { continue }
            let b = batch.count
            let frames = batch.map { data.frame(episode: $0.episode, step: $0.step) }
                + batch.map { data.frame(episode: $0.episode, step: $0.step + 1) }
            let actions = data.actions.gatherRows(batch.map { data.transition(episode: $0.episode, step: $0.step) })
            let input = model.encoder.input(data, frames: frames)
            let zAll = model.encoder.forward(input, workspace: &encoderWorkspace)
            let z = zAll.rows(0..<b), next = zAll.rows(b..<(2 * b))
            let delta = model.transition.forward(z, actions: actions, workspace: &transitionWorkspace)
            var gz = Matrix(rows: b, cols: latent), gt = gz, gn = gz
            var loss: Float = 0
            if let weight = model.config.maskColourWeight, let slots = model.encoder as? SlotEncoder {
                if colourPrototypes == nil {
                    guard train else { preconditionFailure("ContrastiveTraining: the colour prototypes come from the training data") }
                    colourPrototypes = ColourPrototypes.fit(data, count: slots.slots + 1)
                }
                loss += slots.fitMaskColours(input, prototypes: colourPrototypes!, weight: weight,
                                             price: model.config.maskColourPrice, workspace: &encoderWorkspace)
            }
            predictorGradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            if model.config.losses.usesContrastive {  // (masked slot prediction alone skips it)
                if var nce = infoNCE {
                    var anchors = delta
                    anchors.add(z)
                    for block in blocks {
                        var anchorGradient = Matrix(rows: b, cols: block.count), positiveGradient = anchorGradient
                        loss += nce(anchors: anchors.columns(block), positives: next.columns(block),
                                    anchorGradient: &anchorGradient, positiveGradient: &positiveGradient)
                        gt.setColumns(block, from: anchorGradient)
                        gn.setColumns(block, from: positiveGradient)
                    }
                    gz.assign(gt)
                    infoNCE = nce
                } else {
                    guard case let .hinge(margin) = model.config.objective else { preconditionFailure("objective") }
                    var negatives = ContrastiveHingeLoss.shuffledNegatives(count: b, rng: &rng)
                    // Rows 2j and 2j+1 come from one episode (see `pairedOrder`): some pairs serve as each
                    // other's negatives, so the encoder must also tell apart states of the same scene.
                    let fraction = model.config.sameEpisodeNegatives
                    for j in stride(from: 0, to: b - 1, by: 2) where fraction > 0 && rng.uniform() < fraction {
                        negatives[j] = j + 1
                        negatives[j + 1] = j
                    }
                    for block in blocks {
                        var stateGradient = Matrix(rows: b, cols: block.count), transitionGradient = stateGradient
                        var nextGradient = stateGradient
                        loss += ContrastiveHingeLoss(margin: margin)(state: z.columns(block), transition: delta.columns(block),
                                                                     next: next.columns(block), negatives: negatives,
                                                                     stateGradient: &stateGradient, transitionGradient: &transitionGradient,
                                                                     nextGradient: &nextGradient)
                        gz.setColumns(block, from: stateGradient)
                        gt.setColumns(block, from: transitionGradient)
                        gn.setColumns(block, from: nextGradient)
                    }
                }
            }
            if var masked, let predictor = model.maskedPredictor {
                loss += masked(z, hidden: masked.draw(count: b, rng: &rng), predictor: predictor, latentGradient: &gz,
                               gradients: &predictorGradients)
                self.masked = masked
            }
            guard loss.isFinite else { throw TrainingError(quantity: "loss", step: batches, detail: "contrastive encoder") }
            total += Double(loss)
            batches += 1
            if train { step(&model, batch: b, stateGradient: gz, transitionGradient: gt, nextGradient: gn) }
            progress(end)
        }
        return batches > 0 ? total / Double(batches) : 0
    }

    /// Back-propagates one batch's loss gradients through the transition and the encoder, then steps every optimizer.
    private mutating func step(_ model: inout ContrastiveModel, batch b: Int, stateGradient gz: Matrix,
                               transitionGradient gt: Matrix, nextGradient gn: Matrix) {
        let latent = model.encoder.latentSize
        for index in encoderGradients.indices { encoderGradients[index].withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        for index in transitionGradients.indices {
            transitionGradients[index].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        let gradInput = model.transition.backward(gt, workspace: &transitionWorkspace, gradients: &transitionGradients)
        var gradAll = Matrix(rows: 2 * b, cols: latent)
        for r in 0..<b {
            for c in 0..<latent {
                gradAll[r, c] = gz[r, c] + gradInput[r, c]
                gradAll[b + r, c] = gn[r, c]
            }
        }
        model.encoder.backward(gradAll, workspace: &encoderWorkspace, gradients: &encoderGradients)
        var networks = model.networks
        let predictor = model.maskedPredictor == nil ? [] : [predictorGradients]
        for (index, gradients) in (encoderGradients + transitionGradients + predictor).enumerated() {
            optimizers[index].step(parameters: &networks[index].parameters, gradients: gradients)
        }
        model.networks = networks
    }
}
