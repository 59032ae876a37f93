import ArgumentParser
import Testing
@testable import foresight

/// `train --mask-colour-weight`: reaches the config of a slot run, 0 leaves it off, and it is refused without slots or
/// when negative; `--mask-colour-sparsity` picks the loss's price of a slot's share (a fresh run's contrast unless told),
/// and is refused without the loss or with a name it does not know.
@Suite struct SlotOptionsTests {
    @Test func theMaskColourWeightReachesASlotRunsConfig() throws {
        let config = try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-weight", "2"]).config()
        #expect(config.usesSlots && config.maskColourWeight == 2)
        let off = try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-weight", "0"]).config()
        #expect(off.maskColourWeight == nil)
        #expect(try TrainingOptions.parse(["--encoder", "slots"]).config().maskColourWeight == nil)
    }

    @Test func theMaskColourWeightIsRefusedWithoutSlotsOrBelowZero() throws {
        #expect(throws: ValidationError.self) { try TrainingOptions.parse(["--mask-colour-weight", "1"]).config() }
        #expect(throws: ValidationError.self) {
            try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-weight=-1"]).config()
        }
    }

    @Test func theMaskColourSparsityReachesTheConfigOnlyBesideTheColourLoss() throws {
        let fresh = try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-weight", "1"]).config()
        #expect(fresh.maskColourSparsity == nil && fresh.resolvingSlots(bodies: 2).maskColourSparsity == .contrast)
        let chosen = try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-weight", "1", "--mask-colour-sparsity", "distance"])
        #expect(try chosen.config().maskColourPrice == .distance)
        #expect(try TrainingOptions.parse(["--encoder", "slots"]).config().maskColourSparsity == nil)
        #expect(throws: ValidationError.self) {
            try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-sparsity", "contrast"]).config()
        }
        #expect(throws: ValidationError.self) {
            try TrainingOptions.parse(["--encoder", "slots", "--mask-colour-weight", "1", "--mask-colour-sparsity", "grey"]).config()
        }
    }
}
