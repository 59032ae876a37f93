#if Viewer
import Foundation
import Simulation
import WorldModel

/// A world model trained for real, tiny and fast (state input, one epoch per phase), on scripted episodes of a world.
enum TinyRun {
    /// Trains a run on `episodes` scripted episodes of `steps` steps of `environment`'s world into a fresh temporary
    /// folder, which the caller removes.
    ///
    /// With `pixels` (an environment rendering its camera), the encoder reads the images with `pixels`' encoder (pooled by 2).
    static func train(_ environment: Environment, episodes: Int = 6, steps: Int = 8, pixels: PixelEncoderKind? = nil) throws -> URL {
        var config = WorldModelConfig()
        config.input = pixels == nil ? .state : .pixels
        config.pixelEncoder = pixels
        config.latentSize = 4
        let data = RunPredictionSourceTests.rollouts(environment, episodes: episodes, steps: steps, pooling: config.pixelPooling)
        config.encoderEpochs = 1
        config.forwardEpochs = 1
        config.seed = 3
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("viewer-run-\(UUID().uuidString)")
        try WorldModelTrainer(config: config, data: DataSignature(environment: environment), train: data, validation: data,
                              runURL: run).run()
        return run
    }
}
#endif
