import Foundation
import Testing
import Learning
import TensorCore
@testable import WorldModel

/// `--init-map-bodies`: input columns by meaning, bodies matched by name and kind, the first layer and statistics
/// carried over column by column.
@Suite struct BodyLayoutMappingTests {
    /// A pushing layout of `names` (the pusher is the robot, the rest objects), every body with the seven pose fields.
    static func layout(_ names: [String], frame: StateFrame = .body) throws -> BodyLayout {
        let labels = names.flatMap { body in PoseFields.names.map { "\(body).\($0)" } }
        let bodies = names.enumerated().map { index, name in
            EpisodeData.BodyPositionColumns(name: name, isObject: name != "pusher", xColumn: 7 * index, yColumn: 7 * index + 1)
        }
        return try #require(BodyLayout(labels: labels, bodies: bodies, frame: frame, pointAction: true))
    }

    /// A state model on `layout` with random weights, biases and statistics.
    static func model(_ layout: BodyLayout, seed: UInt64) -> ForwardModel {
        var rng = RandomStream(seed: seed)
        func statistics(_ count: Int) -> Normalizer {
            Normalizer(mean: (0..<count).map { _ in Float(rng.uniform(in: -1...1)) },
                       std: (0..<count).map { _ in Float(rng.uniform(in: 0.5...2)) })
        }
        var config = WorldModelConfig()
        config.forwardHidden = [8, 8]
        var model = ForwardModel(rule: .pc, config: config, inputNormalizer: statistics(layout.inputSize(actionSize: 2)),
                                 targetNormalizer: statistics(layout.bodyCount * layout.targetSize), layout: layout, seed: seed)
        for layer in model.members[0].layers {
            for index in layer.biasRange { model.members[0].parameters[index] = Float(rng.uniform(in: -0.5...0.5)) }
        }
        return model
    }

    /// `target` carrying `source`'s tensors over through the mapping between their layouts, hidden and output layers copied.
    static func carried(_ source: ForwardModel, onto target: ForwardModel) -> ForwardModel {
        let id = ForwardModelID(space: .state, rule: .pc)
        let mapping = BodyLayoutMapping(from: source.layout!, sourceActionSize: 2, to: target.layout!, actionSize: 2)
        var model = target.carryingOver(source.tensors(id: id), id: id, by: mapping, config: config)
        let sourceEnd = source.members[0].layers[0].biasRange.upperBound, end = target.members[0].layers[0].biasRange.upperBound
        model.members[0].parameters.replaceSubrange(end..., with: source.members[0].parameters[sourceEnd...])
        return model
    }

    static var config: WorldModelConfig {
        var config = WorldModelConfig()
        config.forwardHidden = [8, 8]
        return config
    }

    /// The rotation of world vector `v` into the frame of a body heading `(c, s)`.
    static func local(_ v: SIMD2<Float>, heading c: Float, _ s: Float) -> SIMD2<Float> { SIMD2(c * v.x + s * v.y, -s * v.x + c * v.y) }

    @Test(arguments: [StateFrame.world, .body])
    func inputColumnsSayWhatEachEntryOfABuiltRowHolds(frame: StateFrame) throws {
        let layout = try Self.layout(["pusher", "box", "disc"], frame: frame)
        var rng = RandomStream(seed: 5)
        let states = BodyFrameTests.states(4, rng: &rng), actions = Matrix.normal(rows: 4, cols: 2, rng: &rng)
        let inputs = layout.inputs(states: states, actions: actions)
        var checked = 0
        for n in 0..<states.rows {
            for body in 0..<3 {
                let columns = layout.inputColumns(row: body, actionSize: 2), r = n * 3 + body
                #expect(columns.count == inputs.cols && Set(columns).count == columns.count)
                func field(_ name: String, of b: Int) -> Float { states[n, 7 * b + PoseFields.names.firstIndex(of: name)!] }
                for (column, meaning) in columns.enumerated() {
                    let expected: Float
                    switch meaning {
                    case let .indicator(b): expected = b == body ? 1 : 0
                    case let .ownField(name): expected = field(name, of: body)
                    case let .robotField(name): expected = field(name, of: 0)
                    case let .action(kind, index):
                        #expect(kind == .targetPoint)
                        expected = actions[n, index]
                    case let .robotRelativePosition(axis): expected = field(axis == 0 ? "x" : "y", of: body) - field(axis == 0 ? "x" : "y", of: 0)
                    case let .local(.offset(other), axis):
                        let offset = SIMD2(field("x", of: other) - field("x", of: body), field("y", of: other) - field("y", of: body))
                        expected = Self.local(offset, heading: field("cos", of: body), field("sin", of: body))[axis]
                    case let .local(.ownVelocity, axis):
                        expected = Self.local(SIMD2(field("vx", of: body), field("vy", of: body)), heading: field("cos", of: body), field("sin", of: body))[axis]
                    default: continue
                    }
                    #expect(abs(inputs[r, column] - expected) < 1e-5, "row \(body) column \(column): \(meaning)")
                    checked += 1
                }
            }
        }
        #expect(checked > 4 * 3 * 12)
    }

    @Test func bodiesMatchByNameThenByKindInOrder() throws {
        let source = try Self.layout(["pusher", "box", "disc", "tee"])
        let target = try Self.layout(["pusher", "tee", "plank", "drum", "cube"])
        #expect(BodyLayoutMapping.matchBodies(source: source, target: target) == [0, 3, 1, 2, nil])
    }

    @Test func mappedColumnsAreCopiedBitExactlyAndTheOthersStartFresh() throws {
        let sourceLayout = try Self.layout(["pusher", "box", "disc"]), targetLayout = try Self.layout(["pusher", "disc"])
        let mapping = BodyLayoutMapping(from: sourceLayout, sourceActionSize: 2, to: targetLayout, actionSize: 2)
        #expect(mapping.bodies == [0, 2] && mapping.foldedIndicators == [1])
        #expect(mapping.states == Array(0..<7) + Array(14..<21))
        // The last pair is "the other body": the disc in the pusher's row (the source's second pair there), the pusher
        // in the disc's (the source's first pair there): no source column means it in both rows.
        let width = targetLayout.inputSize(actionSize: 2), sourceWidth = sourceLayout.inputSize(actionSize: 2)
        #expect(mapping.inputs.suffix(2) == [nil, nil] && mapping.inputs.dropLast(2).allSatisfy { $0 != nil })
        #expect(mapping.inputs[0] == 0 && mapping.inputs[1] == 2 && mapping.inputs[2] == 3)
        let source = Self.model(sourceLayout, seed: 1), fresh = Self.model(targetLayout, seed: 2)
        let id = ForwardModelID(space: .state, rule: .pc)
        let carried = fresh.carryingOver(source.tensors(id: id), id: id, by: mapping, config: Self.config)
        let weight = carried.members[0].parameters, sourceWeight = source.members[0].parameters, freshWeight = fresh.members[0].parameters
        for h in 0..<8 {
            for (column, counterpart) in mapping.inputs.enumerated() {
                let expected = counterpart.map { sourceWeight[h * sourceWidth + $0] } ?? 0
                #expect(weight[h * width + column].bitPattern == expected.bitPattern)
            }
        }
        for (column, counterpart) in mapping.inputs.enumerated() {
            let statistics = counterpart.map { (source.inputNormalizer.mean[$0], source.inputNormalizer.std[$0]) }
                ?? (fresh.inputNormalizer.mean[column], fresh.inputNormalizer.std[column])
            #expect(carried.inputNormalizer.mean[column].bitPattern == statistics.0.bitPattern)
            #expect(carried.inputNormalizer.std[column].bitPattern == statistics.1.bitPattern)
        }
        // Target statistics per body: the pusher's from the pusher's, the disc's from the disc's (the source's third block).
        #expect(Array(carried.targetNormalizer.std[0..<6]) == Array(source.targetNormalizer.std[0..<6]))
        #expect(Array(carried.targetNormalizer.std[6..<12]) == Array(source.targetNormalizer.std[12..<18]))
        #expect(Array(carried.targetNormalizer.mean[6..<12]) == Array(source.targetNormalizer.mean[12..<18]))
        let later = carried.members[0].layers[0].biasRange.upperBound
        #expect(Array(weight[later...]) == Array(freshWeight[later...]))
    }

    @Test func aMatchedBodyIsPredictedAsTheSourceDidWhenTheBodiesLeftOutSitAtTheirMean() throws {
        // The box comes last, so every target column has a counterpart; the box's indicator goes into the bias.
        let sourceLayout = try Self.layout(["pusher", "disc", "box"]), targetLayout = try Self.layout(["pusher", "disc"])
        var source = Self.model(sourceLayout, seed: 3)
        var rng = RandomStream(seed: 4)
        let states = BodyFrameTests.states(1, rng: &rng), actions = Matrix.normal(rows: 1, cols: 2, rng: &rng)
        // In the disc's row the box's offset is the last pair: make that its mean, so leaving it out changes nothing there.
        let discRow = sourceLayout.inputs(states: states, actions: actions).row(1)
        var statistics = source.inputNormalizer
        for column in (discRow.count - 2)..<discRow.count { statistics.mean[column] = discRow[column] }
        source = ForwardModel(rule: .pc, config: Self.config, inputNormalizer: statistics, targetNormalizer: source.targetNormalizer,
                              layout: sourceLayout, seed: 0).withMembers(source.members)
        let carried = Self.carried(source, onto: Self.model(targetLayout, seed: 5))
        #expect(BodyLayoutMapping(from: sourceLayout, sourceActionSize: 2, to: targetLayout, actionSize: 2).inputs.allSatisfy { $0 != nil })
        let expected = source.predictNext(states, actions: actions)
        let predicted = carried.predictNext(states.columns(0..<14), actions: actions)
        for column in 7..<14 { #expect(abs(predicted[0, column] - expected[0, column]) < 1e-5, "disc field \(column - 7)") }
    }

    @Test(arguments: [StateFrame.world, .body])
    func equalLayoutsGiveTheSourceModelBack(frame: StateFrame) throws {
        let layout = try Self.layout(["pusher", "box", "disc"], frame: frame)
        let mapping = BodyLayoutMapping(from: layout, sourceActionSize: 2, to: layout, actionSize: 2)
        #expect(mapping.inputs == Array(0..<layout.inputSize(actionSize: 2)) && mapping.foldedIndicators.isEmpty)
        #expect(mapping.targets == Array(0..<(3 * layout.targetSize)))
        let source = Self.model(layout, seed: 6), carried = Self.carried(source, onto: Self.model(layout, seed: 7))
        #expect(carried.parameters == source.parameters)
        #expect(carried.inputNormalizer == source.inputNormalizer && carried.targetNormalizer == source.targetNormalizer)
        var rng = RandomStream(seed: 8)
        let states = BodyFrameTests.states(16, rng: &rng), actions = Matrix.normal(rows: 16, cols: 2, rng: &rng)
        #expect(carried.predictNext(states, actions: actions).storage == source.predictNext(states, actions: actions).storage)
    }
}

extension ForwardModel {
    /// The model with `members` as its networks.
    fileprivate func withMembers(_ members: [MLP]) -> ForwardModel {
        var model = self
        model.members = members
        return model
    }
}
