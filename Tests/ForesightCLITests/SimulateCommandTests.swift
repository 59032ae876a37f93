import Foundation
import TestSupport
import Testing
import Trajectories

/// Runs the built `foresight` executable, which sits beside the test bundle.
enum ForesightProcess {
    static let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("foresight")

    /// Starts `foresight arguments`, its stdout and stderr going to `output` and `error`.
    ///
    /// `environment` replaces the inherited environment when given.
    static func start(_ arguments: [String], output: URL, error: URL,
                      environment: [String: String]? = nil) throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path),
                     "no foresight executable beside the test bundle at \(executable.path)")
        try Data().write(to: output)
        try Data().write(to: error)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        return process
    }

    /// Runs `foresight arguments` to the end, with logs in `folder`.
    static func run(_ arguments: [String], in folder: URL,
                    environment: [String: String]? = nil) throws -> (status: Int32, output: String, error: String) {
        let output = folder.appendingPathComponent("stdout.txt"), error = folder.appendingPathComponent("stderr.txt")
        let process = try start(arguments, output: output, error: error, environment: environment)
        process.waitUntilExit()
        return (process.terminationStatus,
                try String(contentsOf: output, encoding: .utf8), try String(contentsOf: error, encoding: .utf8))
    }
}

@Suite("foresight simulate")
struct SimulateCommandTests {
    static let small = ["simulate", "push", "--episodes", "5", "--steps", "12", "--observe", "state,pixels",
                        "--pixel-size", "16", "--seed", "3", "--episodes-per-shard", "2"]

    @Test("writes a dataset, reports contact fraction and size, and the bytes do not depend on --threads")
    func determinism() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let one = try ForesightProcess.run(Self.small + ["--threads", "1", "--out", scratch.file("one").path], in: scratch.url)
        #expect(one.status == 0, "\(one.error)")
        let two = try ForesightProcess.run(Self.small + ["--threads", "2", "--out", scratch.file("two").path], in: scratch.url)
        #expect(two.status == 0, "\(two.error)")
        #expect(one.output.contains("contact fraction: "))
        #expect(one.output.contains("dataset size: "))
        #expect(one.error.contains("simulate push ["), "progress on stderr")
        #expect(!one.output.contains("simulate push ["), "no progress on stdout")
        #expect(!one.output.contains("Chipmunk") && !one.output.contains("cpSpace"),
                "Debian's libchipmunk banner must not reach stdout: \(one.output)")

        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.file("one").path).sorted()
        #expect(names == ["manifest.json", "shard-00000.safetensors", "shard-00001.safetensors", "shard-00002.safetensors"])
        for name in names {
            #expect(FileManager.default.contents(atPath: scratch.file("one/\(name)").path)
                    == FileManager.default.contents(atPath: scratch.file("two/\(name)").path), "\(name)")
        }
        let dataset = try Dataset(url: scratch.file("one"))
        #expect(dataset.manifest.episodes == 5)
        #expect(dataset.manifest.stepsPerEpisode == 12)
        #expect(dataset.manifest.observation(.pixels)?.shape == [16, 16, 3])
        #expect(one.output.contains(String(format: "contact fraction: %.4f", dataset.manifest.contactFraction)))
    }

    @Test("an existing dataset is not overwritten without --force")
    func force() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let out = ["--out", scratch.file("data").path]
        #expect(try ForesightProcess.run(Self.small + out, in: scratch.url).status == 0)
        let manifest = FileManager.default.contents(atPath: scratch.file("data/manifest.json").path)
        let refused = try ForesightProcess.run(Self.small + ["--seed", "4"] + out, in: scratch.url)
        #expect(refused.status != 0)
        #expect(refused.error.contains(scratch.file("data").path))
        #expect(refused.error.contains("--force"))
        #expect(FileManager.default.contents(atPath: scratch.file("data/manifest.json").path) == manifest)

        let forced = try ForesightProcess.run(Self.small + ["--seed", "4", "--force"] + out, in: scratch.url)
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try Dataset(url: scratch.file("data")).manifest.seed == 4)
    }

    @Test("a killed run leaves nothing that reads as a dataset, and the next run cleans up after it")
    func interrupted() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let process = try ForesightProcess.start(
            ["simulate", "push", "--episodes", "1000", "--steps", "50", "--observe", "state,pixels", "--pixel-size", "32", "--threads", "1",
             "--episodes-per-shard", "1", "--out", scratch.file("data").path],
            output: scratch.file("out.txt"), error: scratch.file("err.txt"))
        let deadline = Date().addingTimeInterval(60)
        var shardsWritten = 0
        while shardsWritten < 2, process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            let staging = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".data.partial-") }
            shardsWritten = try staging.first.map {
                try FileManager.default.contentsOfDirectory(atPath: scratch.file($0).path).filter { $0.hasPrefix("shard-") }.count
            } ?? 0
        }
        #expect(process.isRunning, "the run should still be simulating when it is killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(shardsWritten >= 2)
        #expect(!FileManager.default.fileExists(atPath: scratch.file("data").path))
        #expect(throws: DatasetError.self) { try Dataset(url: scratch.file("data")) }

        let again = try ForesightProcess.run(Self.small + ["--out", scratch.file("data").path], in: scratch.url)
        #expect(again.status == 0, "\(again.error)")
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "the killed run's staging folder is removed")
    }

    @Test("bad arguments are clear errors")
    func badArguments() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let cases: [([String], String)] = [
            (["simulate", "nowhere", "--out", scratch.file("x").path], "no built-in world named 'nowhere'"),
            (["simulate", "push", "--policy", "greedy", "--out", scratch.file("x").path], "--policy: unknown policy 'greedy' (expected random, scripted)"),
            (["simulate", "push", "--observe", "state,sonar", "--out", scratch.file("x").path], "--observe must be one of state, pixels, lidar, got 'sonar'"),
            (["simulate", "push", "--episodes", "0", "--out", scratch.file("x").path], "--episodes must be positive"),
        ]
        for (arguments, message) in cases {
            let result = try ForesightProcess.run(arguments, in: scratch.url)
            #expect(result.status != 0)
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("x").path))
    }

    @Test("an episode too large for memory or a dataset too large for the disk is refused before simulating")
    func sizesAreCheckedFirst() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let long = try ForesightProcess.run(["simulate", "push", "--steps", "100000000", "--episodes", "2",
                                             "--out", scratch.file("long").path], in: scratch.url)
        #expect(long.status != 0 && long.error.contains("one episode of 100000000 steps would take 19.2 GiB in memory"), "\(long.error)")
        let many = try ForesightProcess.run(["simulate", "push", "--episodes", "10000000000", "--out", scratch.file("many").path],
                                            in: scratch.url)
        #expect(many.status != 0 && many.error.contains("10000000000 episodes would take") && many.error.contains("use fewer --episodes"),
                "\(many.error)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("long").path)
                && !FileManager.default.fileExists(atPath: scratch.file("many").path))
    }

    @Test("SIGINT or SIGTERM during simulate exits 128 + signal and leaves no staging folder behind")
    func interruptedSimulateCleansUp() throws {
        for (signalNumber, name) in [(SIGINT, "int"), (SIGTERM, "term")] {
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            // 20,000 episodes with pixels take minutes on one thread and 7.6 GB of the disk's budget.
            let process = try ForesightProcess.start(["simulate", "push", "--episodes", "20000", "--steps", "30",
                                                      "--observe", "state,pixels", "--threads", "1", "--out", scratch.file(name).path],
                                                     output: scratch.file("out.txt"), error: scratch.file("err.txt"))
            // Wait until the staging folder exists (the writer registered it), then interrupt.
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline,
                  (try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)).allSatisfy({ !$0.contains(".partial-") }) {
                Thread.sleep(forTimeInterval: 0.05)
            }
            let staged = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).contains { $0.contains(".partial-") }
            let early = try String(contentsOf: scratch.file("err.txt"), encoding: .utf8)
            try #require(staged && process.isRunning, "\(name): simulate did not start staging: \(early)")
            kill(process.processIdentifier, signalNumber)
            process.waitUntilExit()
            #expect(process.terminationStatus == 128 + signalNumber, "\(name)")
            let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            #expect(!left.contains { $0.contains(".partial-") || $0 == name }, "\(name): \(left)")
            let error = try String(contentsOf: scratch.file("err.txt"), encoding: .utf8)
            #expect(error.contains("foresight: interrupted (removed "), "\(error)")
        }
    }
}
