import TensorCore

extension WorldModelTrainer {
    /// Throws `CommunicatorError.diverged` unless every rank holds the same weights of `model` after `epoch`.
    ///
    /// Compares a CRC-32 of the bytes of every network `model` trains (nothing to compare in one process).
    func requireIdenticalWeights(of model: PhaseModel, epoch: Int) throws {
        guard communicator.size > 1 else { return }
        let parameters = models.parameters()
        var crc: UInt32 = 0
        for id in model.networks(of: models) {
            crc = parameters[id]!.withUnsafeBytes { CRC32.checksum($0, continuing: crc) }
        }
        try communicator.requireIdentical(UInt64(crc), what: "\(model.recordName) weights after epoch \(epoch)")
    }
}
