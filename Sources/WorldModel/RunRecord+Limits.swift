import Learning

/// Checks a run record read from a file before anything is allocated from it.
///
/// The record sits outside the tensor checksum, so an edited width or column index must be caught here:
/// every width has an upper bound, and every index into the state is inside it.
extension RunRecord {
    /// The widest layer (and latent, keypoint count) a run may have.
    static let widthLimit = 1 << 14
    /// The widest state or action a run may be trained on.
    static let vectorLimit = 1 << 16
    /// The largest ensemble a run may hold.
    static let ensembleLimit = 64

    /// Throws a message naming the first field out of its range (`config.<name>` or `data.<name>`).
    func checkLimits() throws(ConfigurationError) {
        func check(_ ok: Bool, _ field: String, _ value: @autoclosure () -> String, _ expected: String) throws(ConfigurationError) {
            guard ok else { throw ConfigurationError("field '\(field)' is \(value()), expected \(expected)") }
        }
        let widths = 1...Self.widthLimit
        try check(widths.contains(config.latentSize), "config.latentSize", "\(config.latentSize)", "1...\(Self.widthLimit)")
        try check(widths.contains(config.lidarLatentSize ?? 1), "config.lidarLatentSize", "\(config.lidarLatentSize ?? 1)",
                  "1...\(Self.widthLimit)")
        try check(widths.contains(config.keypoints), "config.keypoints", "\(config.keypoints)", "1...\(Self.widthLimit)")
        for (name, layers) in [("pixelHidden", config.pixelHidden), ("encoderHidden", config.encoderHidden),
                               ("transitionHidden", config.transitionHidden), ("forwardHidden", config.forwardHidden),
                               ("lidarChannels", config.lidarChannels ?? [])] {
            try check(layers.count <= 16 && layers.allSatisfy(widths.contains), "config.\(name)", "\(layers)",
                      "at most 16 widths in 1...\(Self.widthLimit)")
        }
        try check((config.lidarKernel ?? 1) <= Self.widthLimit, "config.lidarKernel", "\(config.lidarKernel ?? 1)",
                  "at most \(Self.widthLimit)")
        try check((1...Self.ensembleLimit).contains(config.ensembleSize), "config.forwardEnsembleSize", "\(config.ensembleSize)",
                  "1...\(Self.ensembleLimit)")
        try check((1...Self.vectorLimit).contains(data.stateSize), "data.observations.state.shape", "[\(data.stateSize)]",
                  "a width in 1...\(Self.vectorLimit)")
        try check(data.stateLabels.isEmpty || data.stateLabels.count == data.stateSize, "data.observations.state.labels",
                  "\(data.stateLabels.count) labels", "\(data.stateSize), one per entry")
        try check((1...Self.vectorLimit).contains(data.actionSize), "data.actionSize", "\(data.actionSize)", "1...\(Self.vectorLimit)")
        try check((0...4096).contains(data.pixelSide), "data.observations.pixels.shape", "side \(data.pixelSide)", "0...4096")
        let columns = 0..<data.stateSize
        for body in data.bodies {
            try check(columns.contains(body.xColumn) && columns.contains(body.yColumn), "data.bodies.\(body.name)",
                      "columns x \(body.xColumn), y \(body.yColumn)", "indices into the \(data.stateSize)-wide state")
        }
    }
}

