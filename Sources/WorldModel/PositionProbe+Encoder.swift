import TensorCore

extension PositionProbe {
    /// The probe `Evaluation` reads positions with: fitted on `encoder`'s latents of every frame of `train`, per body on its
    /// best-fitting slot when the encoder has slots.
    public init(encoder: any ObservationEncoder, train: EpisodeData) throws {
        try self.init(latents: encoder.encode(train, frames: Array(0..<train.frameCount)), positions: train.positions,
                      slots: (encoder as? SlotEncoder)?.slots)
    }
}
