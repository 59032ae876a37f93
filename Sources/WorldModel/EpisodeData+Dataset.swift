import Foundation
import Simulation
import TensorCore
import Trajectories

extension DataSignature {
    /// The signature of a dataset; throws if the state lacks the bodies' `x`/`y` entries.
    public init(manifest: DatasetManifest, path: String) throws {
        guard let state = manifest.observation(.state) else {
            throw RunError.missing(path: path, what: "the dataset has no 'state' observation (field observations.state)")
        }
        let labels = state.labels ?? (0..<state.width).map { "state.\($0)" }
        var bodies: [EpisodeData.BodyPositionColumns] = []
        for body in manifest.bodies {
            guard let x = labels.firstIndex(of: "\(body.name).x"), let y = labels.firstIndex(of: "\(body.name).y") else { continue }
            bodies.append(.init(name: body.name, isObject: body.role == "object", xColumn: x, yColumn: y))
        }
        let pixelSide = manifest.observation(.pixels)?.shape.first ?? 0
        let world = try? manifest.worldSpec.decode(as: WorldSpec.self)
        self.init(world: manifest.world, stateSize: state.width, stateLabels: labels, actionSize: manifest.action.width,
                  pixelSide: pixelSide, bodies: bodies, squareSymmetric: world?.hasSquareSymmetry ?? false,
                  pointAction: world?.robot.takesTargetPoints ?? false)
    }
}

extension EpisodeData {
    /// Reads the episodes of `split` into memory (pooling images by `pooling` when `pixels` is true).
    public init(dataset: Dataset, split: DatasetSplit, pixels: Bool, pooling: Int, signature: DataSignature) throws {
        let indices = dataset.episodeIndices(split: split)
        let steps = dataset.stepsPerEpisode
        var states = [Float](), actions = [Float](), raw = [UInt8]()
        states.reserveCapacity(indices.count * (steps + 1) * signature.stateSize)
        for index in indices {
            let episode = try dataset.episode(index)
            states += episode.state.storage
            actions += episode.actions.storage
            if pixels {
                guard let frames = episode.pixels else {
                    throw RunError.missing(path: dataset.url.path, what: "episode \(index) has no pixels (field observations.pixels)")
                }
                raw += frames
            }
        }
        self.init(episodeCount: indices.count, steps: steps,
                  states: Matrix(rows: indices.count * (steps + 1), cols: signature.stateSize, elements: states),
                  actions: Matrix(rows: indices.count * steps, cols: signature.actionSize, elements: actions),
                  rawPixels: pixels ? raw : nil, pixelSide: signature.pixelSide, pooling: pooling, bodies: signature.bodies)
    }
}
