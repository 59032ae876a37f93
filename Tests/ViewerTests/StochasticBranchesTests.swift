#if Viewer
import Foundation
import Simulation
import TensorCore
import Testing
@testable import Viewer
import WorldModel

/// A run's stochastic state model (`train --critic`) in the viewer: its file read back (a learned prior with it), its sampled
/// futures as branches.
@Suite struct StochasticBranchesTests {
    @Test(arguments: [StochasticObjective.gan, .vaeGan])
    func aRunWithAStochasticModelForecastsBranchesThatDiffer(objective: StochasticObjective) throws {
        let environment = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state]))
        let run = try TinyRun.train(environment, episodes: 6, steps: 8)
        defer { try? FileManager.default.removeItem(at: run) }
        let data = RunPredictionSourceTests.rollouts(environment, episodes: 6, steps: 8)
        let state = Observation(state: data.states.row(2), pixels: nil, lidar: nil), actions = [data.actions.row(2), data.actions.row(3), data.actions.row(4)]
        #expect(try RunPredictionSource(run: run, environment: environment).sampleBranches(from: state, actions: actions, count: 4).isEmpty)

        let models = try RunModels(contentsOf: RunCheckpointFile.best.url(in: run))
        var config = StochasticTrainingConfig()
        config.horizon = 3
        config.epochs = 1
        config.batch = 8
        config.objective = objective
        config.variational.prior = .learned
        var training = try StochasticForwardTraining(deterministic: models.forward[config.source]!, runConfig: models.record.config,
                                                     train: data, config: config)
        let epoch = try training.trainEpoch(on: data)
        #expect(epoch.criticLoss.isFinite && epoch.generatorLoss.isFinite && epoch.reconstructionLoss.isFinite)
        try StochasticModelFile(training: training).write(in: run)
        try RunFolder.checkReplaceable(run)
        let file = try #require(try StochasticModelFile(in: run, record: models.record))
        #expect(file.model.generator.parameters == training.model.generator.parameters && file.history == training.history)
        #expect(file.model.prior?.parameters == training.model.prior?.parameters && (file.model.prior != nil) == objective.usesPosterior)

        let source = try RunPredictionSource(run: run, environment: environment)
        #expect(source.name.hasSuffix("+ stochastic"))
        let branches = source.sampleBranches(from: state, actions: actions, count: 4)
        #expect(branches.count == 4 && branches.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.count == environment.bodies.count } })
        #expect(branches[0] != branches[1])
    }
}
#endif
