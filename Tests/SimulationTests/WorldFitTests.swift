import Foundation
import Testing
@testable import Simulation

/// Worlds whose bodies cannot fit the table or the placement region, and body names nobody can read, are refused
/// when the file is read, at the line of the field to change.
@Suite("World files: bodies fit the table and the region; names are printable")
struct WorldFitTests {
    func error(_ yaml: String) throws -> WorldSpecError {
        try #require(throws: WorldSpecError.self) { try WorldSpec.parse(yaml: yaml, file: "worlds/tiny.yaml") }
    }

    func tiny(replacing old: String, with new: String) -> String {
        let world = WorldSpecTests.valid + "\nrandomization:\n  region: {min: [-0.3, -0.3], max: [0.3, 0.3]}\n"
        #expect(world.contains(old), "the tiny world has no '\(old)'")
        return world.replacingOccurrences(of: old, with: new)
    }

    @Test func anObjectLargerThanTheTableIsRefusedAtItsShapes() throws {
        let e = try error(tiny(replacing: "box: {size: [0.1, 0.1]}", with: "box: {size: [5.0, 5.0]}"))
        #expect(e.description == "worlds/tiny.yaml:16: objects[0].shapes: 'block' is 7.07 m across, too large for the 1.0 × 1.0 m "
                + "table (every body must fit on it in any heading)")
    }

    @Test func aPusherAsWideAsTheTableIsRefusedAtItsRadius() throws {
        let e = try error(tiny(replacing: "pusher: {radius: 0.02,", with: "pusher: {radius: 0.5,"))
        #expect(e.path == "robot.pusher.radius" && e.line == 12, "\(e)")
        #expect(e.problem.hasPrefix("'pusher' is 1 m across, too large for the 1.0 × 1.0 m table"), "\(e)")
    }

    @Test func aRegionNoBodyCanBePlacedInIsRefused() throws {
        let e = try error(tiny(replacing: "region: {min: [-0.3, -0.3], max: [0.3, 0.3]}", with: "region: {min: [0.48, 0.48], max: [0.5, 0.5]}"))
        #expect(e.path == "randomization.region" && e.line == 21, "\(e)")
        #expect(e.problem.hasPrefix("no room for 'pusher' (0.02 m from its centre to its edge, plus clearance 0.01 m): its centre "
                                    + "must stay within ±0.47 m in x and ±0.47 m in y"), "\(e)")
    }

    @Test func aPositionOffTheTableIsPrintedAsAPointInMetres() throws {
        let e = try error(tiny(replacing: "position: [0.0, 0.2]", with: "position: [50.0, 50.0]"))
        #expect(e.description == "worlds/tiny.yaml:19: objects[0].position: position (50.0, 50.0) m is off the 1.0 × 1.0 m table")
    }

    @Test(arguments: ["\"\"", "\"bl\\tock\"", "\"a\\u0000b\""])
    func emptyOrControlCharacterNamesAreRefused(name: String) throws {
        let e = try error(tiny(replacing: "name: block", with: "name: \(name)"))
        #expect(e.path == "objects[0].name" && e.kind == .invalidValue, "\(e)")
        #expect(e.problem.hasPrefix("expected a non-empty body name without control characters"), "\(e)")
        #expect(!e.description.contains("\t") && !e.description.contains("\0"))
    }

    @Test func theShippedWorldsFit() throws {
        for name in WorldSpec.builtInNames { _ = try WorldSpec.builtIn(named: name) }
    }
}

@Suite("Environment: objects randomisation cannot place")
struct PlacementFallbackTests {
    @Test func aCrowdedRegionListsTheObjectsLeftAtTheirNominalPoses() throws {
        var spec = try WorldSpec.builtIn(named: "push")
        spec.randomization.regionMin = SIMD2(-0.05, -0.05)
        spec.randomization.regionMax = SIMD2(0.05, 0.05)
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state], pixelSize: 16))
        environment.reset(seed: 3)
        #expect(!environment.unplacedObjects.isEmpty)
        for name in environment.unplacedObjects {
            let index = try #require(spec.objects.firstIndex { $0.name == name })
            #expect(environment.objectPoses[index] == spec.objects[index].pose)
        }
        let roomy = try Environment(spec: WorldSpec.builtIn(named: "push"), observations: ObservationSettings(kinds: [.state], pixelSize: 16))
        roomy.reset(seed: 3)
        #expect(roomy.unplacedObjects.isEmpty)
    }
}
