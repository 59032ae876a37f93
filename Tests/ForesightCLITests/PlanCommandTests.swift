import Foundation
import TestSupport
import Testing

@Suite("foresight plan")
struct PlanCommandTests {
    @Test("plans with a trained run and the oracle, prints one table row per agent, writes the report and every episode")
    func plansAndReports() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("tee").path, run = scratch.file("run").path, out = scratch.file("plans")
        let simulated = try ForesightProcess.run(["simulate", "push-tee", "--episodes", "20", "--steps", "6", "--policy", "scripted",
                                                  "--seed", "3", "--out", data], in: scratch.url)
        try #require(simulated.status == 0, "\(simulated.error)")
        let trained = try ForesightProcess.run(["train", data, "--out", run, "--input", "state", "--encoder-epochs", "1",
                                                "--forward-epochs", "1"], in: scratch.url)
        try #require(trained.status == 0, "\(trained.error)")
        let planned = try ForesightProcess.run(["plan", "push-tee", "--model", run, "--model", "oracle", "--protocol", "reach",
                                                "--episodes", "2", "--samples", "12", "--iterations", "2", "--out", out.path],
                                               in: scratch.url)
        try #require(planned.status == 0, "\(planned.error)")
        let lines = planned.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Planning on push-tee, reach protocol, goal on 'tee', 2 episodes, planner cem") == true)
        for agent in ["run state.pc cem", "run state.bp cem", "oracle cem", "scripted policy", "random policy"] {
            #expect(lines.contains { $0.hasPrefix(agent + " ") }, "no row for \(agent)")
        }
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan-results.json")))
        let agents = try #require(results as? [[String: Any]])
        #expect(agents.count == 5 && agents.allSatisfy { ($0["episodes"] as? [Any])?.count == 2 })
        let report = try String(contentsOf: out.appendingPathComponent("plan-report.html"), encoding: .utf8)
        #expect(report.contains("<svg") && report.contains("oracle cem"))
        #expect(planned.error.contains("reach oracle cem"), "progress goes to stderr")

        // --rules pc: the run's PC model alone plans (no backprop row).
        let pcOnly = try ForesightProcess.run(["plan", "push-tee", "--model", run, "--rules", "pc", "--no-baselines", "--protocol",
                                               "reach", "--episodes", "1", "--samples", "12", "--iterations", "2", "--out",
                                               scratch.file("pc-only").path], in: scratch.url)
        try #require(pcOnly.status == 0, "\(pcOnly.error)")
        let pcLines = pcOnly.output.split(separator: "\n").map(String.init)
        #expect(pcLines.contains { $0.hasPrefix("run state.pc cem ") } && !pcLines.contains { $0.hasPrefix("run state.bp") })
        let badRule = try ForesightProcess.run(["plan", "push-tee", "--model", run, "--rules", "pc,hebb"], in: scratch.url)
        #expect(badRule.status != 0 && badRule.error.contains("--rules must be one of pc, bp, got 'hebb'"), "\(badRule.error)")
    }

    @Test("a world without a goal, an unknown protocol and a run of another world are refused with the reason")
    func refusals() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let task = try ForesightProcess.run(["plan", "push", "--protocol", "task", "--episodes", "1"], in: scratch.url)
        #expect(task.status != 0 && task.error.contains("world 'push' has no goal"), "\(task.error)")
        let unknown = try ForesightProcess.run(["plan", "push-tee", "--protocol", "sprint"], in: scratch.url)
        #expect(unknown.status != 0 && unknown.error.contains("--protocol must be one of reach, task"), "\(unknown.error)")
        let viewer = try ForesightProcess.run(["view", "push-tee", "--policy", "plan", "--frames", "1"], in: scratch.url)
        #expect(viewer.status != 0 && viewer.error.contains("--policy plan needs --model RUN"), "\(viewer.error)")
        let data = scratch.file("push").path, run = scratch.file("run").path
        _ = try ForesightProcess.run(["simulate", "push", "--episodes", "20", "--steps", "4", "--seed", "1", "--out", data],
                                     in: scratch.url)
        let trained = try ForesightProcess.run(["train", data, "--out", run, "--input", "state", "--encoder-epochs", "1",
                                                "--forward-epochs", "1"], in: scratch.url)
        try #require(trained.status == 0, "\(trained.error)")
        let mismatch = try ForesightProcess.run(["plan", "push-tee", "--model", run, "--episodes", "1"], in: scratch.url)
        #expect(mismatch.status != 0 && mismatch.error.contains("observations.state"), "\(mismatch.error)")
    }
}
