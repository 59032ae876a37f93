import Simulation
import Testing
import TensorCore
import Trajectories

/// Fixed checksums of collected episodes: the data of a seed stays the same across refactorings.
///
/// The values were recorded with the code before policies became values (`PolicyKind`); a change
/// to a policy's random draws, to the simulation or to the recorded arrays shows up here. Update
/// them only for a deliberate change of the data, and say so in the commit.
@Suite("Rollout collector golden checksums")
struct RolloutCollectorGoldenTests {
    static let expected: [(world: String, policy: String, crc: UInt32)] = [
        ("push", "random", 0xb313_e89a), ("push", "scripted", 0x4014_a994),
        ("arm", "random", 0x3715_f9c8), ("arm", "scripted", 0x41dd_bbe6),
        ("diffdrive", "random", 0xf950_4c51), ("diffdrive", "scripted", 0x43c6_4350),
        ("push-tee", "random", 0x6a76_1918), ("push-tee", "scripted", 0xe5c6_0810),
    ]

    /// The CRC-32 of every recorded array of episodes 0..<4 (20 steps, state only, seed 4), in order.
    static func checksum(world: String, policy: String) throws -> UInt32 {
        let collector = RolloutCollector(spec: try WorldSpec.builtIn(named: world), observations: ObservationSettings(kinds: [.state]),
                                         policy: try BuiltInPolicies.named(policy), stepsPerEpisode: 20, seed: 4, threads: 2)
        var crc = CRC32()
        for record in try collector.collect(episodes: 0..<4) {
            for array in [record.state, record.actions, record.rewards] { array.withUnsafeBytes { crc.update($0) } }
            for array in [record.contacts, record.terminated] { array.withUnsafeBytes { crc.update($0) } }
        }
        return crc.value
    }

    @Test("every built-in world and policy collects the same episodes as before", arguments: expected.indices)
    func sameEpisodesAsBefore(index: Int) throws {
        let (world, policy, crc) = Self.expected[index]
        let actual = try Self.checksum(world: world, policy: policy)
        #expect(actual == crc, "\(world) \(policy): \(String(actual, radix: 16)), expected \(String(crc, radix: 16))")
    }
}
