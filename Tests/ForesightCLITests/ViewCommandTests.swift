#if Viewer
import Foundation
import TestSupport
import Testing

/// An X server of our own (Xvfb) for the duration of a test.
struct VirtualDisplay {
    let display: String
    private let process: Process

    /// Starts `Xvfb :number` and waits until its socket appears; nil when Xvfb is not installed.
    static func start(number: Int) throws -> VirtualDisplay? {
        let xvfb = "/usr/bin/Xvfb"
        guard FileManager.default.isExecutableFile(atPath: xvfb) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xvfb)
        process.arguments = [":\(number)", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let socket = "/tmp/.X11-unix/X\(number)"
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) {
            usleep(50_000)
        }
        try #require(FileManager.default.fileExists(atPath: socket), "Xvfb :\(number) did not start")
        return VirtualDisplay(display: ":\(number)", process: process)
    }

    /// Stops the server (SIGKILL: the test runner's threads may block SIGTERM, and Xvfb inherits that mask).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite("foresight view under a real X server", .serialized)
struct ViewCommandTests {
    /// The PNG's width and height from its IHDR chunk.
    static func pngSize(_ bytes: [UInt8]) throws -> (width: Int, height: Int) {
        try #require(bytes.count > 24 && Array(bytes[12..<16]) == Array("IHDR".utf8), "PNG with an IHDR chunk")
        func bigEndian(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (bigEndian(16), bigEndian(20))
    }

    @Test("view worlds/push.yaml --policy scripted --frames 120 --screenshot exits 0 with the window's pixels")
    func screenshotUnderXvfb() throws {
        guard let display = try VirtualDisplay.start(number: 97) else {
            let underCI = ProcessInfo.processInfo.environment["CI"] == "true"
            #expect(!underCI, "Xvfb is missing under CI: scripts/install-deps installs it")
            print("note: ViewCommandTests skipped: Xvfb is not installed (apt-get install xvfb)")
            return
        }
        defer { display.stop() }
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let world = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("worlds/push.yaml")
        let shot = scratch.file("out.png")

        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = display.display
        environment["SDL_VIDEODRIVER"] = nil
        let view = try ForesightProcess.run(
            ["view", world.path, "--policy", "scripted", "--frames", "120", "--screenshot", shot.path],
            in: scratch.url, environment: environment)
        #expect(view.status == 0, "\(view.error)")

        let png = try [UInt8](Data(contentsOf: shot))
        let size = try Self.pngSize(png)
        let description = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.file("out.json"))) as? [String: Any]
        let bodies = try #require(description?["bodies"] as? [[String: Any]])
        #expect(size.width == description?["width"] as? Int && size.height == description?["height"] as? Int)
        #expect(size.width >= 320 && size.height >= 240)
        #expect(png.count > size.width * size.height * 3, "every pixel stored")
        #expect(Set(bodies.compactMap { $0["name"] as? String }) == ["pusher", "box1", "box2", "disc1", "disc2", "tee"])
    }

    @Test("view with no display says so and exits non-zero")
    func noDisplay() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        var environment = ProcessInfo.processInfo.environment
        for name in ["DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"] { environment[name] = nil }
        let view = try ForesightProcess.run(["view", "push", "--frames", "1", "--screenshot", scratch.file("x.png").path],
                                            in: scratch.url, environment: environment)
        #expect(view.status != 0)
        #expect(view.error.lowercased().contains("display"), "\(view.error)")
    }

    @Test("view --policy with an unknown name lists the valid ones, teleop included")
    func unknownPolicy() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let view = try ForesightProcess.run(["view", "push", "--policy", "greedy", "--frames", "1"], in: scratch.url)
        #expect(view.status != 0)
        #expect(view.error.contains("--policy: unknown policy 'greedy' (expected random, scripted, teleop, plan, curious)"), "\(view.error)")
    }

    @Test("view --policy curious without --learn says it needs the model learned online")
    func curiousNeedsLearning() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let view = try ForesightProcess.run(["view", "push", "--policy", "curious", "--frames", "1"], in: scratch.url)
        #expect(view.status != 0)
        #expect(view.error.contains("--policy curious needs --learn"), "\(view.error)")
    }

    @Test("view --ghosts and --show masks need a run; an unknown --ghosts value lists the valid ones")
    func ghostOptionErrors() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let cases: [([String], String)] = [
            (["--ghosts", "latent"], "--ghosts latent needs --model RUN"),
            (["--model", "constant-velocity", "--ghosts", "state"], "--ghosts state needs --model RUN"),
            (["--ghosts", "pixels"], "'pixels'"),
            (["--show", "masks"], "--show masks needs --model RUN"),
            (["--show", "slots"], "--show: unknown panel `slots` (expected help, info, masks)"),
        ]
        for (arguments, message) in cases {
            let view = try ForesightProcess.run(["view", "push", "--frames", "1"] + arguments, in: scratch.url)
            #expect(view.status != 0)
            #expect(view.error.contains(message), "\(arguments): \(view.error)")
        }
        let unknown = try ForesightProcess.run(["view", "push", "--ghosts", "pixels"], in: scratch.url)
        #expect(unknown.error.contains("state") && unknown.error.contains("latent"), "\(unknown.error)")
    }
}
#endif
