import ArgumentParser
import Testing
@testable import foresight

/// `train --mask-colour-weight`: reaches the config of a slot run, 0 leaves it off, and it is refused without slots or
/// when negative.
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
}
