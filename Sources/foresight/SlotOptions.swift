import ArgumentParser
import WorldModel

/// The object-slot encoder's options (issue 14), part of `TrainingOptions`.
struct SlotOptions: ParsableArguments {
    @Option(help: "Pixel encoder: keypoints, or slots (CNN object masks, per-slot MLP, graph-network transition; C-SWM).")
    var encoder: String = PixelEncoderKind.keypoints.rawValue

    @Option(help: "Slots of the slot encoder (default: the world's body count).")
    var slots: Int?

    @Option(help: "Latent size of one slot (the latent is slots × this).")
    var slotSize: Int?

    @Option(help: "Slots: contrastive, masked (predict a hidden slot's latent from the others, JEPA-style) or both.")
    var selfSupervision: String = SelfSupervision.contrastive.rawValue

    @Option(help: "Slots: weight of the masked slot prediction loss beside the contrastive one.")
    var maskedWeight: Float?

    @Option(help: "Slots: weight of the mask colour loss (the masks rebuild each pixel's colour as their mix of the training frames' pure colours, so no slot holds two differently coloured bodies; 1 on push); 0: none.")
    var maskColourWeight: Float?

    @Option(help: "Slots: what the mask colour loss's sparse term charges a slot for its share of a pixel: distance (the pixel's colour from the slot's) or contrast (the slot's colour from the table's, the default for a fresh run: a body's edge then goes to that body and the table alone).")
    var maskColourSparsity: String?

    /// Writes these options into `config` (keypoints leave the slot fields unset, as in runs made before slots).
    func apply(to config: inout WorldModelConfig) throws {
        let kind: PixelEncoderKind = try OptionChoice.parse(encoder, option: "--encoder")
        let losses: SelfSupervision = try OptionChoice.parse(selfSupervision, option: "--self-supervision")
        guard kind == .slots else {
            guard slots == nil, slotSize == nil, losses == .contrastive, maskedWeight == nil, maskColourWeight == nil,
                  maskColourSparsity == nil else {
                throw ValidationError("--slots, --slot-size, --self-supervision, --masked-weight, --mask-colour-weight and "
                                      + "--mask-colour-sparsity need --encoder slots")
            }
            return
        }
        guard config.input == .pixels else { throw ValidationError("--encoder slots needs --input pixels") }
        config.pixelEncoder = .slots
        config.slotCount = slots
        config.slotSize = slotSize
        config.selfSupervision = losses == .contrastive ? nil : losses
        config.maskedWeight = maskedWeight
        config.maskColourWeight = maskColourWeight == 0 ? nil : maskColourWeight
        if let maskColourSparsity {
            guard config.maskColourWeight != nil else { throw ValidationError("--mask-colour-sparsity needs --mask-colour-weight above 0") }
            config.maskColourSparsity = try OptionChoice.parse(maskColourSparsity, option: "--mask-colour-sparsity") as MaskColourSparsity
        }
    }
}
