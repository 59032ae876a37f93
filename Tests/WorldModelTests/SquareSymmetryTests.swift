import Foundation
import Learning
import Simulation
import Testing
import TensorCore
@testable import WorldModel

/// The symmetries of a square push world: group laws, and exactness against the simulator itself.
@Suite struct SquareSymmetryTests {
    /// A square table, a pusher and three objects mirror-symmetric about their local y axis, at fixed poses.
    ///
    /// The contact solver runs to convergence (100 iterations): with few Gauss–Seidel iterations the
    /// result depends on the order of a contact's points, which a mirror reverses.
    static func world(transformedBy g: SquareSymmetry) throws -> WorldSpec {
        func pose(_ x: Double, _ y: Double, _ angle: Double) -> String {
            let (px, py) = g.vector(Float(x), Float(y))
            let turned = (g.mirrored ? -angle : angle) + Double(g.quarterTurns) * .pi / 2
            return "position: [\(px), \(py)], angle: \(turned)"
        }
        return try WorldSpec.parse(yaml: """
            name: square
            table: {size: [0.8, 0.8], friction: 0.5}
            physics: {time_step: 0.01, substeps: 10, iterations: 100, max_speed: 1.0, max_angular_speed: 20.0}
            robot:
              pusher: {radius: 0.025, mass: 1.0, stiffness: 100, damping: 20, max_force: 30, \(pose(-0.25, -0.1, 0))}
            objects:
              - {name: box, shapes: [{box: {size: [0.12, 0.06]}}], mass: 0.4, friction: 0.5, \(pose(-0.05, -0.08, 0.3))}
              - {name: tee, shapes: [{box: {size: [0.12, 0.03]}}, {box: {size: [0.03, 0.09], offset: [0.0, -0.06]}}],
                 mass: 0.3, friction: 0.5, \(pose(0.12, -0.02, 1.1))}
              - {name: disc, shapes: [{circle: {radius: 0.04}}], mass: 0.25, friction: 0.5, \(pose(0.1, 0.2, 0))}
            """, file: "square.yaml")
    }

    /// States of an episode driven by `actions`, one row per step (the reset state first).
    static func rollout(_ spec: WorldSpec, actions: [SIMD2<Float>]) throws -> (states: Matrix, labels: [String]) {
        let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
        var rows = [environment.reset(seed: 0).observation.state]
        for action in actions { rows.append(environment.step([action.x, action.y]).observation.state) }
        return (Matrix(rows), environment.stateLabels)
    }

    /// The state labels of a pusher and one box with every field the symmetries act on.
    static let twoBodyLabels = ["pusher", "box"].flatMap { body in PoseFields.names.map { "\(body).\($0)" } }

    static func layout(labels: [String]) throws -> BodyLayout {
        let names = labels.compactMap { $0.hasSuffix(".x") ? String($0.dropLast(2)) : nil }
        let bodies = names.map { name in
            EpisodeData.BodyPositionColumns(name: name, isObject: name != "pusher",
                                            xColumn: labels.firstIndex(of: "\(name).x")!, yColumn: labels.firstIndex(of: "\(name).y")!)
        }
        return try #require(BodyLayout(labels: labels, bodies: bodies))
    }

    @Test func everySymmetryMapsASimulatedPushOntoTheSimulationOfTheMappedWorld() throws {
        // Push through the box into the T, then swing toward the disc.
        let path: [SIMD2<Float>] = (0..<15).map { t in t < 9 ? [0.2, -0.05] : [0.15, 0.25] }
        let (reference, labels) = try Self.rollout(Self.world(transformedBy: SquareSymmetry.all[0]), actions: path)
        let layout = try Self.layout(labels: labels)
        #expect(SquareSymmetry.applies(to: layout, actionSize: 2))
        let boxX = labels.firstIndex(of: "box.x")!
        #expect(abs(reference[path.count, boxX] - reference[0, boxX]) > 0.05, "the pusher must move the box")
        for g in SquareSymmetry.all {
            var mappedPath = Matrix(path.map { [$0.x, $0.y] })
            g.apply(toPoints: &mappedPath)
            let twin = try Self.rollout(Self.world(transformedBy: g), actions: (0..<path.count).map { SIMD2(mappedPath.row($0)) }).states
            var expected = reference
            g.apply(toStates: &expected, layout: layout)
            let largest = zip(expected.storage, twin.storage).map { abs($0 - $1) }.max()!
            let worst = zip(expected.storage, twin.storage).map { abs($0 - $1) }.firstIndex(of: largest)!
            #expect(largest < 1e-2, "symmetry \(g): largest difference \(largest) at \(labels[worst % labels.count]) step \(worst / labels.count): \(expected.storage[worst]) vs \(twin.storage[worst])")
        }
    }

    @Test func quarterTurnsAndMirrorsComposeLikeTheSquaresSymmetries() throws {
        let labels = Self.twoBodyLabels
        let layout = try Self.layout(labels: labels)
        var rng = RandomStream(seed: 4)
        var state = Matrix.normal(rows: 3, cols: labels.count, rng: &rng)
        for r in 0..<3 {
            for base in [2, 9] {
                let angle = state[r, base]
                (state[r, base], state[r, base + 1]) = (cos(angle), sin(angle))
            }
        }
        var turned = state
        for _ in 0..<4 { SquareSymmetry(mirrored: false, quarterTurns: 1).apply(toStates: &turned, layout: layout) }
        #expect(zip(turned.storage, state.storage).allSatisfy { abs($0 - $1) < 1e-6 })
        var mirrored = state
        for _ in 0..<2 { SquareSymmetry(mirrored: true, quarterTurns: 0).apply(toStates: &mirrored, layout: layout) }
        #expect(mirrored == state)
        let images = SquareSymmetry.all.map { g -> [Float] in
            var copy = state
            g.apply(toStates: &copy, layout: layout)
            #expect(abs(copy[0, 2] * copy[0, 2] + copy[0, 3] * copy[0, 3] - 1) < 1e-6, "headings stay unit vectors")
            let dx = copy[0, 7] - copy[0, 0], dy = copy[0, 8] - copy[0, 1]
            let ox = state[0, 7] - state[0, 0], oy = state[0, 8] - state[0, 1]
            #expect(abs((dx * dx + dy * dy) - (ox * ox + oy * oy)) < 1e-5, "distances between bodies are kept")
            return copy.storage
        }
        #expect(Set(images.map { $0.map(\.bitPattern) }).count == 8, "the eight images of a generic state differ")
    }

    @Test func augmentationAppendsTheSevenImagesAfterTheRecordedTransitions() throws {
        let labels = Self.twoBodyLabels
        let layout = try Self.layout(labels: labels)
        var rng = RandomStream(seed: 5)
        let states = Matrix.normal(rows: 4, cols: 14, rng: &rng), next = Matrix.normal(rows: 4, cols: 14, rng: &rng)
        let actions = Matrix.normal(rows: 4, cols: 2, rng: &rng)
        let (s, n, a) = SquareSymmetry.augment(states: states, next: next, actions: actions, layout: layout)
        #expect(s.rows == 32 && n.rows == 32 && a.rows == 32)
        #expect(s.rows(0..<4) == states && n.rows(0..<4) == next && a.rows(0..<4) == actions)
        var third = actions
        SquareSymmetry.all[2].apply(toPoints: &third)
        #expect(a.rows(8..<12) == third)
    }

    @Test func trainingRefusesSymmetriesTheWorldDoesNotHave() throws {
        let labels = Self.twoBodyLabels
        let bodies = [EpisodeData.BodyPositionColumns(name: "pusher", isObject: false, xColumn: 0, yColumn: 1),
                      EpisodeData.BodyPositionColumns(name: "box", isObject: true, xColumn: 7, yColumn: 8)]
        let data = EpisodeData(episodeCount: 1, steps: 1, states: Matrix(rows: 2, cols: 14), actions: Matrix(rows: 1, cols: 2),
                               rawPixels: nil, pixelSide: 0, pooling: 1, bodies: bodies)
        var config = WorldModelConfig()
        config.input = .state
        config.stateAugmentation = .squareSymmetries
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("symmetry-refusal-\(UUID())")
        func signature(squareSymmetric: Bool) -> DataSignature {
            DataSignature(world: "w", observations: [.state: .init(shape: [14], labels: labels)], actionSize: 2, bodies: bodies,
                          squareSymmetric: squareSymmetric)
        }
        #expect { try WorldModelTrainer(config: config, data: signature(squareSymmetric: false), train: data, validation: data,
                                        runURL: run) } throws: { error in
            guard case let .mismatch(_, field, _, found)? = error as? RunError else { return false }
            return field == "world_spec" && found == "world 'w'"
        }
        let trainer = try WorldModelTrainer(config: config, data: signature(squareSymmetric: true), train: data, validation: data,
                                            runURL: run)
        #expect(trainer.models.record.config.stateAugmentation == .squareSymmetries)
        // Its training transitions come with their seven images.
        let (recorded, _) = PhaseSetup.rawPairs(phase: .state, data: data, augmented: false, trainer: trainer)
        let (augmented, _) = PhaseSetup.rawPairs(phase: .state, data: data, augmented: true, trainer: trainer)
        #expect(recorded.rows > 0 && augmented.rows == 8 * recorded.rows)
    }
}
