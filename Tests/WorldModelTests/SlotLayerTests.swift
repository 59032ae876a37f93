import Learning
import Testing
import TensorCore
@testable import WorldModel

/// The object-slot layers: image patches against a naive convolution, masks, the graph transition and the encoder
/// against finite differences, and the graph transition's symmetry over slots.
@Suite struct SlotLayerTests {
    /// `Σ output ⊙ weights`, the scalar whose gradients the finite-difference tests compare.
    static func weighted(_ output: Matrix, _ weights: Matrix) -> Double {
        zip(output.storage, weights.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test func patchesTimesWeightsIsTheNaiveConvolution() {
        var rng = RandomStream(seed: 11)
        let side = 5, channels = 3, outputs = 4, window = 3
        let pixels = Matrix.normal(rows: 2 * side * side, cols: channels, rng: &rng)
        let kernel = Matrix.normal(rows: window * window * channels, cols: outputs, rng: &rng)
        let convolved = Matrix.product(ImagePatches.patches(pixels, side: side, window: window), .none, kernel, .none)
        for image in 0..<2 {
            for y in 0..<side {
                for x in 0..<side {
                    for o in 0..<outputs {
                        var expected: Float = 0
                        for dy in -1...1 {
                            for dx in -1...1 where (0..<side).contains(y + dy) && (0..<side).contains(x + dx) {
                                for c in 0..<channels {
                                    expected += pixels[image * side * side + (y + dy) * side + x + dx, c]
                                        * kernel[((dy + 1) * window + dx + 1) * channels + c, o]
                                }
                            }
                        }
                        #expect(abs(convolved[image * side * side + y * side + x, o] - expected) < 1e-4)
                    }
                }
            }
        }
    }

    @Test func maskFeaturesAreTheMomentsOfEachSlotsMask() {
        var layer = SlotMasks(side: 4, slots: 2)
        var logits = Matrix(rows: 16, cols: 3, repeating: 0)
        for i in 0..<16 { logits[i, 2] = 30 }  // background everywhere ...
        logits[1 * 4 + 3, 0] = 60  // ... but slot 0 at row 1, column 3
        logits[3 * 4 + 0, 1] = 60  // and slot 1 at rows 2 and 3 of column 0
        logits[2 * 4 + 0, 1] = 60
        let features = layer.forward(logits)
        #expect(features.rows == 2 && features.cols == 6)
        #expect(abs(features[0, 0] - 0.75) < 1e-2 && abs(features[0, 1] - 0.25) < 1e-2)
        #expect(abs(features[1, 0] + 0.75) < 1e-2 && abs(features[1, 1] + 0.5) < 1e-2)
        #expect(abs(features[0, 2] - 0.25) < 1e-4 && abs(features[1, 2] - 0.5) < 1e-4)
        // Slot 1 spans two pixels vertically: variance ¼ px² in y, none in x or across.
        // (The mass floor that keeps an empty slot's moments finite shifts them by about 1% of a squared pixel.)
        #expect(abs(features[1, 3]) < 3e-2 && abs(features[1, 4]) < 3e-2 && abs(features[1, 5] - 0.25) < 3e-2)
        #expect(abs(features[0, 3]) < 3e-2 && abs(features[0, 5]) < 3e-2)
    }

    @Test func maskBackwardMatchesFiniteDifferences() {
        var rng = RandomStream(seed: 12)
        let logits = Matrix.normal(rows: 2 * 9, cols: 3, rng: &rng)
        let weights = Matrix.normal(rows: 2 * 2, cols: 6, rng: &rng)
        func loss(_ x: Matrix) -> Double {
            var layer = SlotMasks(side: 3, slots: 2)
            return SlotLayerTests.weighted(layer.forward(x), weights)
        }
        var layer = SlotMasks(side: 3, slots: 2)
        _ = layer.forward(logits)
        let grad = layer.backward(weights)
        FiniteDifferences.expectMatches(grad, at: logits, loss: loss)
    }

    static func graph() -> GraphTransition {
        GraphTransition(slots: 3, slotSize: 2, actionSize: 2, hidden: [8], seed: 4)
    }

    @Test func theGraphTransitionIsPermutationEquivariant() {
        var rng = RandomStream(seed: 13)
        let graph = SlotLayerTests.graph()
        let z = Matrix.normal(rows: 4, cols: 6, rng: &rng), a = Matrix.normal(rows: 4, cols: 2, rng: &rng)
        let permutation = [2, 0, 1]
        var permuted = z
        for r in 0..<4 {
            for (slot, source) in permutation.enumerated() {
                for c in 0..<2 { permuted[r, slot * 2 + c] = z[r, source * 2 + c] }
            }
        }
        var workspace = graph.makeWorkspace()
        let delta = graph.forward(z, actions: a, workspace: &workspace)
        let permutedDelta = graph.forward(permuted, actions: a, workspace: &workspace)
        var distinctSlots = false
        for r in 0..<4 {
            for (slot, source) in permutation.enumerated() {
                for c in 0..<2 {
                    #expect(abs(permutedDelta[r, slot * 2 + c] - delta[r, source * 2 + c]) < 1e-5)
                    distinctSlots = distinctSlots || abs(delta[r, slot * 2 + c] - delta[r, source * 2 + c]) > 1e-3
                }
            }
        }
        #expect(distinctSlots, "the slots' outputs differ, so the check above can tell a permutation apart")
    }

    @Test func theGraphTransitionBackwardMatchesFiniteDifferences() {
        var rng = RandomStream(seed: 14)
        let graph = SlotLayerTests.graph()
        let z = Matrix.normal(rows: 2, cols: 6, rng: &rng), a = Matrix.normal(rows: 2, cols: 2, rng: &rng)
        let weights = Matrix.normal(rows: 2, cols: 6, rng: &rng)
        func loss(_ model: GraphTransition, _ input: Matrix) -> Double {
            var workspace = model.makeWorkspace()
            return SlotLayerTests.weighted(model.forward(input, actions: a, workspace: &workspace), weights)
        }
        var workspace = graph.makeWorkspace()
        var gradients = graph.zeroGradients()
        _ = graph.forward(z, actions: a, workspace: &workspace)
        let gradZ = graph.backward(weights, workspace: &workspace, gradients: &gradients)
        let h: Float = 1e-3
        for index in 0..<z.count {
            var plus = z, minus = z
            plus.storage[index] += h
            minus.storage[index] -= h
            let numeric = (loss(graph, plus) - loss(graph, minus)) / Double(2 * h)
            #expect(abs(numeric - Double(gradZ.storage[index])) < 2e-3, "latent \(index)")
        }
        for network in 0..<2 {
            for index in stride(from: 0, to: graph.networks[network].parameters.count, by: 7) {
                var plus = graph, minus = graph
                plus.networks[network].parameters[index] += h
                minus.networks[network].parameters[index] -= h
                let numeric = (loss(plus, z) - loss(minus, z)) / Double(2 * h)
                #expect(abs(numeric - Double(gradients[network][index])) < 2e-3, "network \(network) parameter \(index)")
            }
        }
    }

    @Test func theSlotEncoderBackwardMatchesFiniteDifferences() {
        var config = WorldModelConfig()
        config.pixelEncoder = .slots
        config.slotCount = 2
        config.slotSize = 3
        config.pixelHidden = [4]
        config.slotHidden = [5]
        let encoder = SlotEncoder(config: config, frameSide: 4, seed: 9)
        let data = SyntheticWorld.data(episodes: 1, steps: 1, side: 4, seed: 2)
        let input = encoder.input(data, frames: [0, 1])
        var rng = RandomStream(seed: 15)
        let weights = Matrix.normal(rows: 2, cols: 6, rng: &rng)
        func loss(_ model: SlotEncoder) -> Double {
            var workspace = model.makeWorkspace()
            return SlotLayerTests.weighted(model.forward(input, workspace: &workspace), weights)
        }
        var workspace = encoder.makeWorkspace()
        var gradients = encoder.zeroGradients()
        let z = encoder.forward(input, workspace: &workspace)
        #expect(z.rows == 2 && z.cols == 6)
        encoder.backward(weights, workspace: &workspace, gradients: &gradients)
        let h: Float = 1e-3  // small enough that no ReLU of either network switches
        for network in 0..<2 {  // the convolution's (object network's) weights, then the slot MLP's
            for index in stride(from: 0, to: encoder.networks[network].parameters.count, by: 3) {
                var plus = encoder, minus = encoder
                plus.networks[network].parameters[index] += h
                minus.networks[network].parameters[index] -= h
                let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
                #expect(abs(numeric - Double(gradients[network][index])) < 3e-3, "network \(network) parameter \(index)")
            }
        }
    }
}
