import Foundation
import Simulation
import TestSupport
import Testing
import TensorCore
@testable import Trajectories

@Suite("Rollout collector on real worlds")
struct RolloutCollectorTests {
    static func collector(_ world: String = "push", kinds: Set<ObservationKind> = [.state], policy: some Policy = .random,
                          steps: Int = 20, seed: UInt64 = 5, threads: Int) throws -> RolloutCollector {
        RolloutCollector(spec: try WorldSpec.builtIn(named: world), observations: ObservationSettings(kinds: kinds, pixelSize: 16),
                         policy: policy, stepsPerEpisode: steps, seed: seed, threads: threads)
    }

    @Test("the same seed gives the same bytes with 1 and 2 threads")
    func threadCountIndependence() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let one = try Self.collector(kinds: [.state, .pixels], threads: 1)
            .record(episodes: 7, to: folder.file("one"), replaceExisting: false, episodesPerShard: 3)
        let two = try Self.collector(kinds: [.state, .pixels], threads: 2)
            .record(episodes: 7, to: folder.file("two"), replaceExisting: false, episodesPerShard: 3)
        #expect(one.manifest == two.manifest)
        #expect(one.bytes == two.bytes)
        #expect(one.manifest.shards.count == 3)
        for name in ["manifest.json"] + one.manifest.shards.map(\.file) {
            #expect(try Data(contentsOf: folder.file("one/\(name)")) == Data(contentsOf: folder.file("two/\(name)")), "\(name)")
        }
        let other = try Self.collector(kinds: [.state, .pixels], seed: 6, threads: 2)
            .record(episodes: 7, to: folder.file("other"), replaceExisting: false, episodesPerShard: 3)
        #expect(try Data(contentsOf: folder.file("other/shard-00000.safetensors"))
                != Data(contentsOf: folder.file("one/shard-00000.safetensors")), "another seed gives other data")
        #expect(other.manifest.seed == 6)
    }

    @Test("an episode depends only on the root seed and its index")
    func episodesArePureInIndex() throws {
        let collector = try Self.collector(policy: .scripted, threads: 2)
        let all = try collector.collect(episodes: 0..<6)
        #expect(try collector.collect(episodes: 4..<5) == [all[4]])
        #expect(all.map(\.seed) == (0..<6).map { collector.resetSeed(episode: $0) })
        #expect(Set(all.map(\.seed)).count == 6)
        #expect(Set(all.map(\.state)).count == 6, "episodes differ")
    }

    @Test("replaying the recorded actions from the recorded seed reproduces the recorded observations")
    func replay() throws {
        let collector = try Self.collector(kinds: [.state, .pixels], steps: 15, threads: 1)
        let record = try collector.collect(episodes: 2..<3)[0]
        let environment = try Environment(spec: collector.spec, observations: collector.observations)
        let width = environment.stateLabels.count
        let actionWidth = environment.actionSpace.low.count
        let pixelWidth = 16 * 16 * 3
        let first = environment.reset(seed: record.seed).observation
        #expect(Array(record.state[0..<width]) == first.state)
        #expect(Array(record.pixels![0..<pixelWidth]) == first.pixels)
        for t in 0..<15 {
            let action = Array(record.actions[(t * actionWidth)..<((t + 1) * actionWidth)])
            #expect(environment.actionSpace.contains(action))
            let result = environment.step(action)
            #expect(Array(record.state[((t + 1) * width)..<((t + 2) * width)]) == result.observation.state, "t = \(t)")
            #expect(Array(record.pixels![((t + 1) * pixelWidth)..<((t + 2) * pixelWidth)]) == result.observation.pixels!)
            #expect(record.contacts[t] == (result.info.contact ? 1 : 0))
            #expect(record.rewards[t] == Float(result.reward))
        }
    }

    @Test("the manifest describes the world, and the contact fraction is the contacts' mean")
    func manifestAndContacts() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let collector = try Self.collector(policy: .scripted, steps: 30, threads: 2)
        let recording = try collector.record(episodes: 6, to: folder.file("d"), replaceExisting: false)
        let dataset = try Dataset(url: folder.file("d"))
        let manifest = dataset.manifest
        #expect(manifest == recording.manifest)
        #expect(manifest.world == "push" && manifest.policy == "scripted" && manifest.seed == 5)
        let environment = try Environment(spec: collector.spec, observations: collector.observations)
        #expect(manifest.observation(.state)?.labels == environment.stateLabels)
        #expect(manifest.action.low == environment.actionSpace.low && manifest.action.high == environment.actionSpace.high)
        #expect(manifest.bodies.first?.role == "robot")
        #expect(manifest.controlTimeStep == environment.controlTimeStep)
        #expect(try manifest.worldSpec.decode(as: WorldSpec.self) == collector.spec)

        let episodes = try (0..<6).map { try dataset.episode($0) }
        let touching = episodes.reduce(0) { $0 + $1.contacts.filter { $0 }.count }
        #expect(manifest.contactFraction == Double(touching) / 180)
        #expect(recording.episodesWithContact == episodes.filter { $0.contacts.contains(true) }.count)
        #expect(manifest.contactFraction > 0.05, "the scripted policy pushes objects")
    }

    @Test("lidar is recorded where the world has one; asking where it has none is an error")
    func lidar() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let recording = try Self.collector("diffdrive", kinds: [.lidar], steps: 5, threads: 2)
            .record(episodes: 2, to: folder.file("d"), replaceExisting: false)
        let lidar = try #require(recording.manifest.observation(.lidar))
        let episode = try Dataset(url: folder.file("d")).episode(1)
        #expect(episode.lidar?.shape == [6, lidar.width])
        #expect(recording.manifest.observationKinds == [.state, .lidar])
        let error = #expect(throws: EnvironmentError.noLidar(world: "push")) {
            try Self.collector("push", kinds: [.lidar], threads: 1).record(episodes: 1, to: folder.file("e"), replaceExisting: false)
        }
        #expect(error?.description == "world 'push' has no lidar (observation.lidar in its file)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("e").path))
    }
}

/// A policy defined outside Simulation: circles the tool about the table centre from a phase drawn at
/// reset, on a circle that grows with every episode this copy has started (so reusing one copy for
/// several episodes would show in the actions).
struct CirclingPolicy: Policy {
    var name: String { "circling" }
    private var phase = 0.0
    private var steps = 0
    private var episodesStarted = 0

    mutating func reset(for environment: Environment, rng: RandomStream) {
        var stream = rng
        phase = stream.uniform(in: 0...(2 * Double.pi))
        steps = 0
        episodesStarted += 1
    }

    mutating func action(for observation: Observation, in environment: Environment) -> [Float] {
        steps += 1
        let angle = phase + 0.2 * Double(steps)
        return environment.actionToward(0.05 * Double(episodesStarted) * SIMD2(cos(angle), sin(angle)))
    }
}

@Suite("Rollout collector with a policy defined outside Simulation")
struct CustomPolicyCollectorTests {
    @Test("a fresh copy of the policy runs each episode, reset with the episode's stream, whatever the threads")
    func collectsCustomPolicy() throws {
        let spec = try WorldSpec.builtIn(named: "push")
        func collector(threads: Int) -> RolloutCollector {
            RolloutCollector(spec: spec, observations: ObservationSettings(kinds: [.state]), policy: CirclingPolicy(),
                             stepsPerEpisode: 12, seed: 9, threads: threads)
        }
        let records = try collector(threads: 1).collect(episodes: 0..<5)
        #expect(try collector(threads: 2).collect(episodes: 0..<5) == records)
        #expect(try collector(threads: 1).manifest(episodes: 5).policy == "circling")
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        for (index, record) in records.enumerated() {
            var observation = environment.reset(seed: record.seed).observation
            var policy = CirclingPolicy()
            policy.reset(for: environment, rng: RandomStream(seed: 9).split(index).split(1))
            var actions: [Float] = []
            for _ in 0..<12 {
                let action = policy.action(for: observation, in: environment)
                actions += action
                observation = environment.step(action).observation
            }
            #expect(actions == record.actions, "episode \(index)")
        }
    }
}

@Suite("Python interop on simulated data", .enabled(if: InteropPython.shouldRun))
struct SimulatedPythonInteropTests {
    @Test("a simulated push dataset with pixels reads in Python with the documented shapes and values")
    func simulatedDataset() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try RolloutCollectorTests.collector(kinds: [.state, .pixels], steps: 10, threads: 2)
            .record(episodes: 5, to: folder.file("d"), replaceExisting: false, episodesPerShard: 2)
        let summary = try InteropPython.readDataset(folder.file("d"))
        try expectPythonAgrees(with: try Dataset(url: folder.file("d")), summary: summary)
    }
}
