import Foundation
import WorldModel

/// One agent's planning episodes and the protocol's numbers over them.
public struct PlanningSummary: Sendable, Codable {
    /// What acted (`oracle CEM`, `state.pc CEM`, `scripted`, ...).
    public var name: String
    /// Every episode, in seed order.
    public var episodes: [PlanningEpisodeResult]

    public init(name: String, episodes: [PlanningEpisodeResult]) {
        self.name = name
        self.episodes = episodes
    }

    /// The share of successful episodes.
    public var successRate: Double { mean(episodes.map { $0.success ? 1 : 0 }) }
    /// Mean distance of the goal object from its goal at the start (m): how far the goals were.
    public var meanStartPositionError: Double { mean(episodes.map(\.startPositionError)) }
    /// Mean final position error of the goal object (m).
    public var meanPositionError: Double { mean(episodes.map(\.positionError)) }
    /// Mean final heading error of the goal object (rad).
    public var meanHeadingError: Double { mean(episodes.map(\.headingError)) }
    /// Mean of each episode's largest coverage (worlds with a goal region), nil without coverage.
    public var meanMaxCoverage: Double? {
        let values = episodes.compactMap(\.maxCoverage)
        return values.isEmpty ? nil : mean(values)
    }
    /// Diffusion Policy's score: the mean of clip(max coverage / 0.95, 0, 1).
    public var meanClippedCoverage: Double? {
        let values = episodes.compactMap(\.maxCoverage)
        return values.isEmpty ? nil : mean(values.map { min(1, max(0, $0 / PlanningProtocol.taskSuccessCoverage)) })
    }
    /// The median milliseconds of one plan, nil for policies.
    public var medianPlanMilliseconds: Double? {
        let all = episodes.flatMap(\.planMilliseconds).sorted()
        return all.isEmpty ? nil : all[all.count / 2]
    }
    /// Planning milliseconds per executed control step (all plans over all steps), nil for policies.
    public var planMillisecondsPerStep: Double? {
        let plans = episodes.flatMap(\.planMilliseconds)
        return plans.isEmpty ? nil : plans.reduce(0, +) / Double(max(1, episodes.reduce(0) { $0 + $1.steps }))
    }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
}

/// The table of a planning evaluation, one row per agent.
public enum PlanningTable {
    /// The header and rows (text cells) for `summaries` under `protocolKind`.
    public static func rows(_ summaries: [PlanningSummary], protocolKind: PlanningProtocol) -> (header: [String], rows: [[String]]) {
        var header = ["agent", "episodes", "success", "goal at start (m)", "object error (m)", "heading error (°)"]
        if protocolKind == .task { header += ["mean max coverage", "clip(max/0.95)"] }
        header += ["ms per plan", "ms per control step"]
        let rows = summaries.map { summary -> [String] in
            var row = [summary.name, String(summary.episodes.count), String(format: "%.2f", summary.successRate),
                       String(format: "%.4f", summary.meanStartPositionError),
                       String(format: "%.4f", summary.meanPositionError), String(format: "%.1f", summary.meanHeadingError * 180 / .pi)]
            if protocolKind == .task {
                row += [summary.meanMaxCoverage.map { String(format: "%.3f", $0) } ?? "—",
                        summary.meanClippedCoverage.map { String(format: "%.3f", $0) } ?? "—"]
            }
            row += [summary.medianPlanMilliseconds.map { String(format: "%.1f", $0) } ?? "—",
                    summary.planMillisecondsPerStep.map { String(format: "%.1f", $0) } ?? "—"]
            return row
        }
        return (header, rows)
    }

    /// The table as aligned text, ending in a newline.
    public static func text(_ summaries: [PlanningSummary], protocolKind: PlanningProtocol) -> String {
        let (header, rows) = rows(summaries, protocolKind: protocolKind)
        return TextTable.format(header: header, rows: rows)
    }
}
