import Simulation

/// Draws a world's scene with bodies moved to predicted positions, through the Simulation rasterizer.
struct PredictedFrameRenderer {
    let environment: Environment
    let rasterizer: Rasterizer

    /// nil when `world` is not a built-in world (then only the camera frames are shown).
    init?(world: String, side: Int) {
        guard let spec = try? WorldSpec.builtIn(named: world),
              let environment = try? Environment(spec: spec, observations: ObservationSettings(kinds: [.state], pixelSize: side))
        else { return nil }
        self.environment = environment
        rasterizer = Rasterizer(size: side, tableSize: environment.scene().tableSize)
    }

    /// The episode's initial scene with `bodies` placed at `positions` (orientations as at the start).
    func render(seed: UInt64, bodies: [String], positions: [SIMD2<Double>]) -> PNGImage {
        _ = environment.reset(seed: seed)
        var scene = environment.scene()
        scene.contacts = []
        scene.lidarRays = []
        for (name, position) in zip(bodies, positions) {
            if let i = scene.bodies.firstIndex(where: { $0.name == name }) { scene.bodies[i].position = position }
        }
        return PNGImage(width: rasterizer.size, height: rasterizer.size, rgb: rasterizer.render(scene))
    }
}
