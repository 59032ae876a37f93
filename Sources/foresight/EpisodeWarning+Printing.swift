import Foundation
import Trajectories

extension EpisodeWarning {
    /// Prints each kind of warning once on stderr (its first episode), with how many more episodes had it.
    static func report(_ warnings: [EpisodeWarning]) {
        let unplaced = warnings.filter { $0.kind == .unplaced }
        let escaped = warnings.filter { $0.kind != .unplaced }
        for group in [unplaced, escaped] {
            guard let first = group.first else { continue }
            let others = Set(group.map(\.episode)).count - 1
            let more = others > 0 ? " (and in \(others) more episode\(others == 1 ? "" : "s"))" : ""
            FileHandle.standardError.write(Data("warning: \(first)\(more)\n".utf8))
        }
    }
}
