#if Viewer
import CSDL2
import Foundation
import Simulation
import Testing
import TestSupport
@testable import Viewer
import WorldModel

extension WindowTests {
    /// `view --learn`: the session's transitions reach the learner thread, the overlay uses its snapshots, M saves a run.
    @Suite final class ViewerLearningTests {
        let restoreEnvironment = WindowTests.useOffscreenDriver()

        deinit { restoreEnvironment() }

        @Test func theOverlayLearnsFromTheSessionAndMSavesARunThatLoads() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let folder = directory.file("online")
            var options = ViewerOptions(spec: try WorldSpec.builtIn(named: "push"))
            options.frames = 120
            var settings = OnlineLearnerSettings(rule: .bp)
            settings.warmUp = 20
            options.model = { environment in
                var config = WorldModelConfig()
                config.forwardHidden = [32]
                let learner = try OnlineLearner(config: config, data: DataSignature(environment: environment), settings: settings)
                return try LearningPredictionSource(learner: learner, environment: environment, saveFolder: folder, seed: 3)
            }
            let app = try ViewerApp(options: options)
            try app.loop()
            let learning = try #require(app.session.learning)
            let deadline = Date().addingTimeInterval(30)
            while learning.thread.published.current.version < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            var event = SDL_Event()
            event.type = SDL_KEYDOWN.rawValue
            event.key.keysym.sym = SDL_Keycode(bitPattern: SDLK_m.rawValue)
            SDL_PushEvent(&event)
            try app.loop()
            learning.thread.stop()
            let progress = learning.thread.progress
            #expect(app.session.episodes == 1 && progress.transitions + progress.dropped == app.session.environment.stepCount)
            #expect(progress.updates > 0 && progress.message?.hasPrefix("saved") == true)
            let saved = try PositionPredictor(run: folder, prefer: .bp)
            #expect(saved.modelID == ForwardModelID(space: .state, rule: .bp))
            #expect(saved.model.parameters.count == learning.thread.published.current.model!.parameters.count)
            #expect(app.session.tracker.forecast != nil)
        }
    }
}
#endif
