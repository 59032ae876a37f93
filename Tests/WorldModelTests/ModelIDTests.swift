import Testing
@testable import WorldModel

@Suite struct ModelIDTests {
    @Test func forwardModelIDsKeepTheCheckpointNames() {
        #expect(ForwardModelID.all.map(\.name) == ["latent.pc", "latent.bp", "state.pc", "state.bp"])
        for id in ForwardModelID.all { #expect(ForwardModelID(name: id.name) == id) }
        for bad in ["latent", "state.pc.x", "pixels.pc", "state.sgd", ""] { #expect(ForwardModelID(name: bad) == nil, "\(bad)") }
    }

    @Test func networkIDsParseWhatTheyName() {
        let ids: [RunNetworkID] = [.contrastive(0), .contrastive(12), .forward(ForwardModelID(space: .state, rule: .bp))]
        #expect(ids.map(\.name) == ["contrastive.0", "contrastive.12", "state.bp"])
        for id in ids { #expect(RunNetworkID(name: id.name) == id) }
        for bad in ["contrastive.", "contrastive.-1", "contrastive.x", "encoder"] { #expect(RunNetworkID(name: bad) == nil, "\(bad)") }
    }

    @Test func evaluatedModelsInDisplayOrder() {
        #expect(EvaluatedModel.all.map(\.description) == ["transition", "latent.pc", "latent.bp", "state.pc", "state.bp", "static"])
        #expect(EvaluatedModel.all.map(\.title) == ["contrastive T (latent)", "PC forward (latent)", "backprop forward (latent)",
                                                     "PC forward (state)", "backprop forward (state)", "nothing moves"])
        #expect(EvaluatedModel.all.map(\.readsPositionsThroughProbe) == [true, true, true, false, false, false])
    }
}
