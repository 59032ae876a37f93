import Foundation
import Simulation

/// Something suspicious about one simulated episode that does not stop the simulation: the data is written, and the
/// user is told which episode and body to look at.
public struct EpisodeWarning: Sendable, Equatable, CustomStringConvertible {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// Pose randomisation found no free pose in the region, so the body started at its nominal pose.
        case unplaced
        /// The body's centre left the table (or stopped being a finite number) at control step `step`, at `position`.
        case leftTable(step: Int, position: SIMD2<Double>)
    }

    /// The dataset-wide episode index.
    public let episode: Int
    /// The body's name.
    public let body: String
    public let kind: Kind

    public init(episode: Int, body: String, kind: Kind) {
        self.episode = episode
        self.body = body
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .unplaced:
            return "episode \(episode): no free pose for '\(body)' in randomization.region (too crowded); it starts at its nominal pose"
        case let .leftTable(step, position):
            return "episode \(episode): '\(body)' left the table at step \(step), at " + String(format: "(%.3g, %.3g) m ", position.x, position.y)
                + "(the physics diverged: lower the gains, forces or time_step of the world)"
        }
    }

    /// The warnings about episode `index`, simulated in `environment` and recorded as `record`: objects left at their
    /// nominal poses, then the first step at which each body's centre was more than two wall radii beyond the table edge.
    static func find(episode index: Int, record: EpisodeRecord, environment: Environment) -> [EpisodeWarning] {
        var warnings = environment.unplacedObjects.map { EpisodeWarning(episode: index, body: $0, kind: .unplaced) }
        let spec = environment.spec
        let limit = spec.table.size / 2 + 2 * spec.table.wallRadius
        let width = environment.stateLabels.count
        for body in environment.bodies {
            guard let x = environment.stateLabels.firstIndex(of: "\(body.name).x"),
                  let y = environment.stateLabels.firstIndex(of: "\(body.name).y") else { continue }
            for step in 0..<(record.state.count / width) {
                let position = SIMD2(Double(record.state[step * width + x]), Double(record.state[step * width + y]))
                if !(abs(position.x) <= limit.x && abs(position.y) <= limit.y) {
                    warnings.append(EpisodeWarning(episode: index, body: body.name, kind: .leftTable(step: step, position: position)))
                    break
                }
            }
        }
        return warnings
    }
}
