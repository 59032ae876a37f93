import Foundation
import TensorCore
import TestSupport
import Testing

#if MPI
/// Runs the built `foresight` on several ranks with Open MPI's launcher.
enum MPIRun {
    static let launcher = URL(fileURLWithPath: "/usr/bin/mpirun")

    /// Starts `mpirun -np ranks foresight arguments`, its stdout and stderr going to `output` and `error`.
    static func start(ranks: Int, _ arguments: [String], output: URL, error: URL) throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: launcher.path), "no mpirun at \(launcher.path) (apt-get install openmpi-bin)")
        try Data().write(to: output)
        try Data().write(to: error)
        let process = Process()
        process.executableURL = launcher
        process.arguments = ["--allow-run-as-root", "--oversubscribe", "-np", String(ranks), ForesightProcess.executable.path] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        return process
    }

    /// Runs `mpirun -np ranks foresight arguments` to the end, with logs in `folder`.
    static func run(ranks: Int, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String, error: String) {
        let output = folder.appendingPathComponent("mpi-stdout.txt"), error = folder.appendingPathComponent("mpi-stderr.txt")
        let process = try start(ranks: ranks, arguments, output: output, error: error)
        process.waitUntilExit()
        return (process.terminationStatus,
                try String(contentsOf: output, encoding: .utf8), try String(contentsOf: error, encoding: .utf8))
    }

    /// The process id of rank `rank` among the children of the launcher `process` (read from /proc), once it runs.
    static func pid(ofRank rank: Int, launchedBy process: Process) -> Int32? {
        let tasks = "/proc/\(process.processIdentifier)/task"
        let children = ((try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []).flatMap { task in
            ((try? String(contentsOfFile: "\(tasks)/\(task)/children", encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int32($0) }
        }
        return children.first { child in
            let environment = FileManager.default.contents(atPath: "/proc/\(child)/environ") ?? Data()
            return environment.split(separator: 0).contains { Array($0) == Array("OMPI_COMM_WORLD_RANK=\(rank)".utf8) }
        }
    }
}

@Suite("foresight across MPI ranks", .serialized)
struct DistributedCommandTests {
    static let simulate = ["simulate", "push", "--episodes", "7", "--steps", "12", "--observe", "state,pixels",
                           "--pixel-size", "16", "--seed", "3", "--episodes-per-shard", "2"]

    @Test("2 and 3 ranks write the bytes of a one-process dataset", arguments: [2, 3])
    func simulateMatchesOneProcess(ranks: Int) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let one = try ForesightProcess.run(Self.simulate + ["--out", scratch.file("one").path], in: scratch.url)
        #expect(one.status == 0, "\(one.error)")
        let many = try MPIRun.run(ranks: ranks, Self.simulate + ["--out", scratch.file("many").path], in: scratch.url)
        #expect(many.status == 0, "\(many.error)")
        #expect(many.output.contains("on each of \(ranks) ranks"), "rank 0 alone reports: \(many.output)")
        #expect(many.output.components(separatedBy: "contact fraction").count == 2, "one report, not one per rank")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.file("one").path).sorted()
        #expect(names == ["manifest.json", "shard-00000.safetensors", "shard-00001.safetensors", "shard-00002.safetensors",
                          "shard-00003.safetensors"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("many").path).sorted() == names)
        for name in names {
            #expect(FileManager.default.contents(atPath: scratch.file("one/\(name)").path)
                    == FileManager.default.contents(atPath: scratch.file("many/\(name)").path), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".") }.isEmpty,
                "no staging folder left")
    }

    @Test("a 2-rank training step equals the one-process step on the whole batch, within float rounding")
    func trainingStepMatchesOneProcess() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data").path
        let simulated = try ForesightProcess.run(["simulate", "push", "--episodes", "12", "--steps", "10", "--seed", "5", "--out", data],
                                                 in: scratch.url)
        #expect(simulated.status == 0, "\(simulated.error)")
        // One batch holds every training row, so each forward model takes exactly one optimizer step.
        let train = ["train", data, "--input", "state", "--encoder-epochs", "1", "--forward-epochs", "1", "--forward-hidden", "16",
                     "--forward-batch", "100000", "--seed", "2"]
        let one = try ForesightProcess.run(train + ["--out", scratch.file("one").path], in: scratch.url)
        #expect(one.status == 0, "\(one.error)")
        let two = try MPIRun.run(ranks: 2, train + ["--out", scratch.file("two").path], in: scratch.url)
        #expect(two.status == 0, "\(two.error)")
        #expect(two.output.components(separatedBy: "Trained state world model").count == 2, "rank 0 alone reports")
        let single = try SafetensorsArchive(contentsOf: scratch.file("one/last.safetensors"))
        let split = try SafetensorsArchive(contentsOf: scratch.file("two/last.safetensors"))
        #expect(Set(single.tensors.keys) == Set(split.tensors.keys))
        var compared = 0
        for name in single.tensors.keys.sorted() {
            let expected: [Float] = try single.tensors[name]!.values(), actual: [Float] = try split.tensors[name]!.values()
            if name.hasPrefix("contrastive") || name.hasSuffix("_norm") || name.hasPrefix("state_normalizer") {
                #expect(actual == expected, "\(name): the encoder phase runs whole on every rank")
                continue
            }
            // After one Adam step the first moment is 0.1 × the gradient: a wrong share of a rank's part shows here.
            let scale = expected.map(abs).max() ?? 0
            let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-5 * scale, "\(name): largest difference \(worst) against values up to \(scale)")
            compared += 1
        }
        #expect(compared == 12, "parameters and both Adam moments of the four forward models")
        // The losses are means over every rank's rows: train and validation columns of metrics.csv agree.
        let rows = { (run: String) in
            try String(contentsOf: scratch.file("\(run)/metrics.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",").map(String.init) }
        }
        let singleRows = try rows("one"), splitRows = try rows("two")
        #expect(singleRows.count == 5 && splitRows.count == 5)
        for (expected, actual) in zip(singleRows, splitRows) {
            for column in [3, 4] {
                let want = try #require(Double(expected[column])), got = try #require(Double(actual[column]))
                #expect(abs(got - want) <= 1e-4 * abs(want), "\(expected[0]) \(expected[1]) column \(column): \(got) vs \(want)")
            }
        }
    }

    @Test("incremental predictive coding on 2 ranks is refused with a message naming the rank and the variant")
    func incrementalPredictiveCodingIsRefused() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let data = scratch.file("data").path
        #expect(try ForesightProcess.run(["simulate", "push", "--episodes", "6", "--steps", "5", "--out", data], in: scratch.url).status == 0)
        let run = try MPIRun.run(ranks: 2, ["train", data, "--input", "state", "--encoder-epochs", "1", "--forward-epochs", "1",
                                            "--forward", "pc", "--pc-variant", "incremental", "--out", scratch.file("run").path],
                                 in: scratch.url)
        #expect(run.status != 0)
        #expect(run.error.contains("of 2 failed: --pc-variant incremental cannot be trained on 2 ranks"), "\(run.error)")
    }

    @Test("killing one rank ends the job with a message naming it and leaves no dataset")
    func killedRankEndsTheJob() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let process = try MPIRun.start(ranks: 2, ["simulate", "push", "--episodes", "5000", "--steps", "50", "--threads", "1",
                                                  "--out", scratch.file("data").path],
                                       output: scratch.file("out.txt"), error: scratch.file("err.txt"))
        let deadline = Date().addingTimeInterval(60)
        var victim: Int32?
        while process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let staging = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".data.partial-") }
            let progress = (try? String(contentsOf: scratch.file("err.txt"), encoding: .utf8)) ?? ""
            if !staging.isEmpty && progress.contains("episodes/s"), let pid = MPIRun.pid(ofRank: 1, launchedBy: process) {
                victim = pid
                break
            }
        }
        let pid = try #require(victim, "rank 1 should be simulating when it is killed")
        kill(pid, SIGKILL)
        process.waitUntilExit()
        let error = try String(contentsOf: scratch.file("err.txt"), encoding: .utf8)
        #expect(process.terminationStatus != 0)
        #expect(error.contains("rank 1") && error.contains("signal 9"), "the launcher names the dead rank: \(error)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("data").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".data.") }.isEmpty,
                "rank 0 removes the staging folder when the launcher stops it")
    }
}
#else
@Suite("foresight without the MPI trait")
struct DistributedHelpTests {
    @Test("simulate and train --help say how to run across processes", arguments: ["simulate", "train"])
    func helpExplainsTheTrait(command: String) throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let help = try ForesightProcess.run([command, "--help"], in: scratch.url)
        #expect(help.status == 0)
        let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("--traits Viewer,MPI"), "\(help.output)")
        #expect(text.contains("mpirun -np N"), "\(help.output)")
    }
}
#endif
