import Foundation
import Testing
import TestSupport
@testable import Simulation

@Suite struct WorldSpecTests {
    @Test(arguments: WorldSpec.builtInNames)
    func builtInWorldsLoad(name: String) throws {
        let spec = try WorldSpec.builtIn(named: name)
        #expect(spec.name == name)
        #expect(spec.physics.controlTimeStep > 0)
    }

    @Test func unknownBuiltInNameIsAnError() {
        #expect(throws: WorldSpecError.self) { try WorldSpec.builtIn(named: "nope") }
    }

    @Test func specRoundTripsThroughJSON() throws {
        let spec = try WorldSpec.builtIn(named: "push-tee")
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(WorldSpec.self, from: data) == spec)
    }

    /// The tiny world the error tests break, one line at a time.
    static let valid = """
        name: tiny
        table:
          size: [1.0, 1.0]
          friction: 0.5
        physics:
          time_step: 0.01
          substeps: 10
          iterations: 10
          max_speed: 1.0
          max_angular_speed: 10.0
        robot:
          pusher: {radius: 0.02, mass: 1.0, stiffness: 100, damping: 20, max_force: 20, position: [0, -0.3]}
        objects:
          - name: block
            shapes:
              - box: {size: [0.1, 0.1]}
            mass: 0.3
            friction: 0.5
            position: [0.0, 0.2]
        """

    func error(_ yaml: String) throws -> WorldSpecError {
        do {
            _ = try WorldSpec.parse(yaml: yaml, file: "worlds/tiny.yaml")
        } catch let error as WorldSpecError {
            return error
        }
        Issue.record("the world was accepted")
        throw CancellationError()
    }

    @Test func validTinyWorldLoads() throws {
        let spec = try WorldSpec.parse(yaml: Self.valid, file: "worlds/tiny.yaml")
        #expect(spec.objects.map(\.name) == ["block"])
        #expect(spec.randomization == .none)
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let e = try error(Self.valid.replacingOccurrences(of: "size: [1.0, 1.0]", with: "size: [1.0, 1.0"))
        #expect(e.kind == .syntax)
        #expect(e.file == "worlds/tiny.yaml")
        #expect(e.line != nil)
        #expect(e.description.hasPrefix("worlds/tiny.yaml:"))
    }

    @Test func unknownKeyIsRejected() throws {
        let e = try error(Self.valid.replacingOccurrences(of: "    mass: 0.3", with: "    mass: 0.3\n    colour: [1, 2, 3]"))
        #expect(e.kind == .unknownKey)
        #expect(e.path == "objects[0].colour")
        #expect(e.line == 18)
        #expect(e.description.contains("worlds/tiny.yaml:18: objects[0].colour: unknown key"))
        #expect(e.description.contains("color"))
    }

    @Test func negativeMassIsRejected() throws {
        let e = try error(Self.valid.replacingOccurrences(of: "mass: 0.3", with: "mass: -0.3"))
        #expect(e.kind == .invalidValue)
        #expect(e.description == "worlds/tiny.yaml:17: objects[0].mass: expected a positive mass in kg, got -0.3")
    }

    @Test func physicallyAbsurdValuesAreRejectedNamingTheLine() throws {
        let step = try error(Self.valid.replacingOccurrences(of: "time_step: 0.01", with: "time_step: 10"))
        #expect(step.description == "worlds/tiny.yaml:6: physics.time_step: expected time step in s in 0.0001...0.05, got 10.0")
        let table = try error(Self.valid.replacingOccurrences(of: "size: [1.0, 1.0]", with: "size: [1e9, 1.0]"))
        #expect(table.description == "worlds/tiny.yaml:3: table.size: expected [width, depth] each in 0.1...20.0 m, got [1000000000.0, 1.0]")
        let speed = try error(Self.valid.replacingOccurrences(of: "max_speed: 1.0", with: "max_speed: 1e12"))
        #expect(speed.path == "physics.max_speed" && speed.kind == .invalidValue)
    }

    @Test func aMisspelledKeyIsReportedAsUnknownWithTheKeyItProbablyMeant() throws {
        let e = try error(Self.valid.replacingOccurrences(of: "  friction: 0.5\nphysics", with: "  frictoin: 0.5\nphysics"))
        #expect(e.kind == .unknownKey && e.path == "table.frictoin" && e.line == 4)
        #expect(e.description.contains("unknown key 'frictoin' (did you mean 'friction'"), "\(e.description)")
    }

    @Test func likelyTyposAreTwoEditsAwayAtMost() {
        #expect(YAMLMapping.isLikelyTypo("frictoin", of: "friction") && YAMLMapping.isLikelyTypo("fricton", of: "friction"))
        #expect(YAMLMapping.isLikelyTypo("mas", of: "mass") && YAMLMapping.isLikelyTypo("substep", of: "substeps"))
        #expect(!YAMLMapping.isLikelyTypo("mass", of: "mass") && !YAMLMapping.isLikelyTypo("color", of: "friction"))
        #expect(!YAMLMapping.isLikelyTypo("size", of: "angle") && !YAMLMapping.isLikelyTypo("ms", of: "mass"))
    }

    @Test func aFolderOrADeviceIsNotAWorldFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(throws: WorldSpecError(kind: .notFound, file: folder.url.path, path: "", line: nil,
                                       problem: "is a folder, not a world file (give a .yaml file)")) {
            try WorldSpec.load(from: folder.url)
        }
        #expect { try WorldSpec.load(from: URL(fileURLWithPath: "/dev/zero")) } throws: { error in
            (error as? WorldSpecError)?.description.contains("is not a regular file") == true
        }
    }

    @Test func missingFieldIsRejected() throws {
        let e = try error(Self.valid.replacingOccurrences(of: "  time_step: 0.01\n", with: ""))
        #expect(e.kind == .missingField)
        #expect(e.path == "physics.time_step")
        #expect(e.line == 6)
        #expect(e.description.contains("worlds/tiny.yaml:6: physics.time_step: missing field"))
    }

    @Test func wrongTypeIsRejected() throws {
        let e = try error(Self.valid.replacingOccurrences(of: "substeps: 10", with: "substeps: ten"))
        #expect(e.kind == .wrongType)
        #expect(e.path == "physics.substeps")
        #expect(e.line == 7)
    }

    @Test func nonConvexPolygonIsRejected() throws {
        let e = try error(Self.valid.replacingOccurrences(
            of: "box: {size: [0.1, 0.1]}",
            with: "polygon: {points: [[0, 0], [0.1, 0], [0.02, 0.02], [0, 0.1]]}"))
        #expect(e.path == "objects[0].shapes[0].polygon.points")
    }

    @Test func duplicateNamesAndUnknownGoalObjectAreRejected() throws {
        let duplicate = try error(Self.valid.replacingOccurrences(of: "name: block", with: "name: pusher"))
        #expect(duplicate.path == "objects[0]")
        let goal = try error(Self.valid + "\ngoal: {object: ghost, position: [0, 0]}")
        #expect(goal.path == "goal")
        #expect(goal.description.contains("ghost"))
    }

    @Test func loadNamesTheFileOnDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("foresight-bad-\(UInt32.random(in: 0...UInt32.max)).yaml")
        try Self.valid.replacingOccurrences(of: "friction: 0.5\nphysics", with: "friction: -1\nphysics")
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try WorldSpec.load(from: url)
            Issue.record("negative table friction accepted")
        } catch let error as WorldSpecError {
            #expect(error.description.hasPrefix("\(url.path):4: table.friction: expected a non-negative"))
        }
    }
}
