import Testing
@testable import foresight

/// What `foresight train` asks for: by default the library's forward models (one network, plain Adam), on request an
/// ensemble trained with AdamW.
@Suite struct TrainingDefaultsTests {
    @Test func trainAsksForOneNetworkAndPlainAdamByDefault() throws {
        let config = try TrainingOptions.parse([]).config()
        #expect(config.ensembleSize == 1 && config.forwardWeightDecay == nil)
    }

    @Test func theEnsembleAndWeightDecayFlagsReachTheConfig() throws {
        let config = try TrainingOptions.parse(["--forward-ensemble", "3", "--forward-weight-decay", "0.01"]).config()
        #expect(config.forwardEnsembleSize == 3 && config.forwardWeightDecay == 0.01)
    }
}
