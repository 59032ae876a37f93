import Simulation

/// What a run does with data, which decides what the data must match.
public enum DataUse: Sendable {
    /// Training, fresh or resumed: what evaluation needs, and what the config asks of the world (symmetries, body poses).
    case training
    /// Evaluation: states, actions and the observations the encoder reads.
    case evaluation
    /// Rolling the state-space forward models (a viewer's overlay, planners): states and actions.
    case statePrediction
}

extension RunRecord {
    /// Throws a `RunError.mismatch` naming `path` and the first field in which `data` does not fit this run for `use`.
    public func checkCompatible(with data: DataSignature, at path: String, for use: DataUse) throws {
        func check(_ ok: Bool, _ field: String, _ expected: @autoclosure () -> String, _ found: @autoclosure () -> String) throws {
            guard ok else { throw RunError.mismatch(path: path, field: field, expected: expected(), found: found()) }
        }
        try check(self.data.stateSize == data.stateSize, "observations.state.shape", "[\(self.data.stateSize)]", "[\(data.stateSize)]")
        try check(self.data.stateLabels == data.stateLabels, "observations.state.labels",
                  self.data.stateLabels.joined(separator: ","), data.stateLabels.joined(separator: ","))
        try check(self.data.actionSize == data.actionSize, "action.shape", "[\(self.data.actionSize)]", "[\(data.actionSize)]")
        guard use != .statePrediction else { return }
        if config.input == .pixels {
            let pooling = config.pixelPooling
            guard let pixels = data.observation(.pixels) else {
                throw RunError.mismatch(path: path, field: "observations.pixels", expected: "images (the encoder reads pixels)",
                                        found: "no pixels (simulate with --observe state,pixels, or train with --input state)")
            }
            let expected = self.data.observation(.pixels)?.shape ?? pixels.shape
            try check(pixels.shape == expected, "observations.pixels.shape", "\(expected)", "\(pixels.shape)")
            try check(pixels.shape.count == 3 && pixels.shape[0] == pixels.shape[1] && pixels.shape[0] % pooling == 0,
                      "observations.pixels.shape", "a square image whose side is a multiple of the pooling \(pooling)", "\(pixels.shape)")
        }
        if config.input.readsLidar {
            guard let lidar = data.observation(.lidar) else {
                throw RunError.mismatch(path: path, field: "observations.lidar", expected: "lidar ranges (the encoder reads lidar)",
                                        found: "no lidar (simulate a world with a lidar with --observe state,lidar)")
            }
            let expected = self.data.observation(.lidar)?.shape ?? lidar.shape
            try check(lidar.shape == expected, "observations.lidar.shape", "\(expected)", "\(lidar.shape)")
        }
        guard use == .training else { return }
        let bodies = BodyLayout(labels: data.stateLabels, bodies: data.bodies)
        if config.stateAugmentation == .squareSymmetries {
            try check(data.squareSymmetric == true, "world_spec",
                      "a world with the symmetries of the square (--augment-symmetries): a square table, a pusher and objects "
                          + "mirror-symmetric about their local y axis", "world '\(data.world)'")
            try check(bodies.map { SquareSymmetry.applies(to: $0, actionSize: data.actionSize) } ?? false, "observations.state.labels",
                      "the fields \(PoseFields.names) for every body (--augment-symmetries)", data.stateLabels.joined(separator: ","))
        }
        // A state that does not split into bodies (the arm's) gets the flat model in either frame.
        if config.factorizedStateModel, config.stateFrame == .body, let bodies {
            try check(bodies.poseFields != nil, "observations.state.labels",
                      "the fields \(PoseFields.names) for every body (--state-frame body; train with --state-frame world)",
                      data.stateLabels.joined(separator: ","))
        }
    }
}
