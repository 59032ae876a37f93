import Foundation
import Simulation
import WorldModel

/// `plan-report.html`: the table, the goal distance (and coverage) over time, and frame strips of successes and failures.
public struct PlanningReport {
    /// The world the episodes ran in.
    public let spec: WorldSpec
    /// The goal object.
    public let object: String
    /// The protocol.
    public let protocolKind: PlanningProtocol

    public init(spec: WorldSpec, object: String, protocolKind: PlanningProtocol) {
        self.spec = spec
        self.object = object
        self.protocolKind = protocolKind
    }

    /// The report of `summaries`; `command` is how they were produced.
    public func html(_ summaries: [PlanningSummary], command: String) -> HTMLReport {
        var report = HTMLReport(title: "Foresight planning: \(spec.name), \(protocolKind.rawValue) protocol")
        report.paragraph("Produced by: \(command)")
        report.paragraph(protocolKind == .reach
            ? "Reach (DINO-WM): the goal is the object pose and robot position a policy's rollout (scripted unless --goal-policy says otherwise) reaches \(PlanningProtocol.reachSteps) steps after the start; success: object within 2.5 cm and 20°, robot within 2.5 cm, after \(PlanningProtocol.reachSteps) steps."
            : "Task (Diffusion Policy): random start, the world's goal, up to \(protocolKind.budget(in: spec)) steps; success: coverage ≥ 0.95 at some step; score: mean of clip(max coverage / 0.95, 0, 1).")
        let (header, rows) = PlanningTable.rows(summaries, protocolKind: protocolKind)
        report.table(header: header, rows: rows)
        report.plot(LinePlot(title: "Object distance from its goal position", xLabel: "control step", yLabel: "metres",
                             series: summaries.map { LinePlot.Series(name: $0.name, points: meanOverEpisodes($0) { path, goal in
                                 path.map { pose in ((pose.position - goal.position) * (pose.position - goal.position)).sum().squareRoot() }
                             }) }))
        if protocolKind == .task {
            report.plot(LinePlot(title: "Goal coverage", xLabel: "control step", yLabel: "coverage",
                                 series: summaries.map { summary in
                                     LinePlot.Series(name: summary.name, points: meanSeries(summary.episodes.map(\.coverage)))
                                 }))
        }
        report.paragraph("Frames: the object's goal outlined in green, the robot as a red dot"
                         + (protocolKind == .reach ? " and its goal as a red ring; under each strip, the errors at the end." : "."))
        for summary in summaries {
            for (label, episode) in [("success", summary.episodes.first { $0.success }), ("failure", summary.episodes.first { !$0.success })] {
                guard let episode else { continue }
                let steps = Array(stride(from: 0, through: episode.steps, by: max(1, episode.steps / 5)))
                report.svgStrip(label: "\(summary.name): a \(label) (seed \(episode.seed))" + endErrors(episode),
                                panels: steps.map { ("step \($0)", frame(episode, step: $0)) })
            }
        }
        return report
    }

    /// The errors at the end of a reach episode, as a caption ("" for the task protocol).
    func endErrors(_ episode: PlanningEpisodeResult) -> String {
        guard protocolKind == .reach else { return "" }
        let robot = episode.robotError.map { String(format: ", robot %.1f cm", $0 * 100) } ?? ""
        return String(format: ": object %.1f cm and %.0f° off", episode.positionError * 100, episode.headingError * 180 / .pi) + robot
    }

    /// The mean over episodes of a per-step series derived from each episode's object path and goal.
    private func meanOverEpisodes(_ summary: PlanningSummary, _ series: ([Pose], Pose) -> [Double]) -> [(x: Double, y: Double)] {
        meanSeries(summary.episodes.map { series($0.objectPath, $0.goal) })
    }

    /// Step-wise means of series of different lengths (each series holds its last value after it ends).
    private func meanSeries(_ all: [[Double]]) -> [(x: Double, y: Double)] {
        let length = all.map(\.count).max() ?? 0
        return (0..<length).map { t in
            let values = all.compactMap { $0.isEmpty ? nil : $0[min(t, $0.count - 1)] }
            return (Double(t), values.reduce(0, +) / Double(max(values.count, 1)))
        }
    }

    /// An SVG drawing of step `step` of `episode`: the table, the goal outline (and the robot's goal as a ring), the
    /// object and the robot.
    func frame(_ episode: PlanningEpisodeResult, step: Int) -> String {
        let side = 120.0, half = spec.table.size / 2
        func point(_ p: SIMD2<Double>) -> String {
            String(format: "%.1f,%.1f", (p.x + half.x) / (2 * half.x) * side, (half.y - p.y) / (2 * half.y) * side)
        }
        let objectSpec = spec.objects.first { $0.name == object }!
        func outline(_ pose: Pose, fill: String, stroke: String) -> String {
            objectSpec.shapes.map { shape -> String in
                let points = ConvexPolygon(counterClockwise: shape.polygonPoints())?.transformed(by: pose).vertices ?? []
                return "<polygon points=\"\(points.map(point).joined(separator: " "))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
            }.joined()
        }
        let color = objectSpec.color
        let pose = episode.objectPath[min(step, episode.objectPath.count - 1)]
        let robot = episode.robotPath[min(step, episode.robotPath.count - 1)]
        func circle(at p: SIMD2<Double>, _ attributes: String) -> String {
            let pixel = point(p).split(separator: ",")
            return "<circle cx=\"\(pixel[0])\" cy=\"\(pixel[1])\" \(attributes)/>"
        }
        let robotGoal = episode.robotGoal.map { circle(at: $0, "r=\"4\" fill=\"none\" stroke=\"#c0392b\"") } ?? ""
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(side))\" height=\"\(Int(side))\">"
            + "<rect width=\"\(Int(side))\" height=\"\(Int(side))\" fill=\"#f4f1ea\" stroke=\"#999\"/>"
            + outline(episode.goal, fill: "none", stroke: "#3a9a3a") + robotGoal
            + outline(pose, fill: "rgb(\(color.r),\(color.g),\(color.b))", stroke: "#333")
            + circle(at: robot, "r=\"3\" fill=\"#c0392b\"") + "</svg>"
    }
}
