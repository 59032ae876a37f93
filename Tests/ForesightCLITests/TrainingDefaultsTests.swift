import Testing
@testable import foresight

/// What `foresight train` asks for unless told otherwise: three networks per forward model, AdamW with weight decay 0.01.
@Suite struct TrainingDefaultsTests {
    @Test func trainAsksForThreeNetworksAndWeightDecayByDefault() throws {
        let config = try TrainingOptions.parse([]).config()
        #expect(config.forwardEnsembleSize == 3 && config.forwardWeightDecay == 0.01)
    }

    @Test func zeroWeightDecayAndOneNetworkAreTheModelsOfRunsMadeBefore() throws {
        let config = try TrainingOptions.parse(["--forward-ensemble", "1", "--forward-weight-decay", "0"]).config()
        #expect(config.ensembleSize == 1 && config.forwardWeightDecay == nil)
    }
}
