import Foundation
import Learning
import Simulation
import Testing
import TensorCore
@testable import WorldModel

/// The mask colour loss (each pixel's colour as the mask-weighted mix of the channels' prototype colours): its value on
/// hand-built masks under both prices of a channel's share, its gradient against finite differences, and trained alone
/// on the two-body synthetic world, masks that give each colour a channel; which price old and fresh runs get.
@Suite struct MaskColourFitTests {
    /// Two frames of four pixels: colours red, red, blue, grey in the first, all grey in the second.
    static func colours() -> Matrix {
        let rows: [[Float]] = [[1, -1, -1], [1, -1, -1], [-1, -1, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]
        var out = Matrix(rows: 8, cols: 3)
        for (r, row) in rows.enumerated() { for c in 0..<3 { out[r, c] = row[c] } }
        return out
    }

    /// Red, blue and grey: the prototypes of channels 0, 1 and 2.
    static func prototypes() -> Matrix {
        var out = Matrix(rows: 3, cols: 3)
        for (r, row) in [[Float(1), -1, -1], [-1, -1, 1], [0, 0, 0]].enumerated() { for c in 0..<3 { out[r, c] = row[c] } }
        return out
    }

    @Test func masksOnTheirColoursPrototypesCostNothingAnEdgesMixItsSparsityAndAMisplacedPixelItsError() {
        var colours = MaskColourFitTests.colours()
        let prototypes = MaskColourFitTests.prototypes()
        var separate = Matrix(rows: 8, cols: 3, repeating: 0)  // red in channel 0, blue in 1, grey in 2
        for (r, c) in [(0, 0), (1, 0), (2, 1), (3, 2), (4, 2), (5, 2), (6, 2), (7, 2)] { separate[r, c] = 1 }
        for d in 0..<3 { colours[4, d] = 0.5 * colours[0, d] }  // pixel 4: an edge, half red, half grey
        separate[4, 0] = 0.5
        separate[4, 2] = 0.5
        var gradient = Matrix(rows: 0, cols: 0)
        // Only the edge pays, for the sparsity: half a share each at ½‖x − red‖² = ½‖x − grey‖² = 0.375 (weight 2 over 2 frames).
        let beta = Float(MaskColourFit.sparsity), edge = beta * 0.375
        let clean = MaskColourFit.loss(masks: separate, colours: colours, prototypes: prototypes, pixelsPerFrame: 4, weight: 2,
                                       price: .distance, gradient: &gradient)
        #expect(abs(clean - edge) < 1e-6)
        var merged = separate  // the blue pixel in the red channel: ½‖red − blue‖² = 4, and as much times β
        merged[2, 1] = 0
        merged[2, 0] = 1
        let loss = MaskColourFit.loss(masks: merged, colours: colours, prototypes: prototypes, pixelsPerFrame: 4, weight: 2,
                                      price: .distance, gradient: &gradient)
        #expect(abs(loss - (4 + 4 * beta + edge)) < 1e-6)
        // (r − x) · p_c + β ½‖x − p_c‖² for the blue pixel: red 4 + 4β, blue −4, grey 1.5β; blue's channel gains most.
        #expect(abs(gradient[2, 0] - (4 + 4 * beta)) < 1e-6 && abs(gradient[2, 1] + 4) < 1e-6 && abs(gradient[2, 2] - 1.5 * beta) < 1e-6)
    }

    /// An edge pixel half background (white), half body A (black), so mid-grey, rebuilt exactly either by A and the
    /// background or by two other colours C and D on either side of grey: `distance` prices C and D's mix lower (their
    /// colours lie near the pixel's), `contrast` the true one (by the triangle inequality), at `β ‖A − white‖ / 2 = β √3`.
    @Test func contrastPricesAnEdgesTrueMixBelowAnyOtherWhileDistanceFavoursColoursNearGrey() {
        var prototypes = Matrix(rows: 4, cols: 3)  // A, C, D, then the background
        for (r, row) in [[Float(-1), -1, -1], [0.4, -0.4, 0], [-0.4, 0.4, 0], [1, 1, 1]].enumerated() {
            for c in 0..<3 { prototypes[r, c] = row[c] }
        }
        let grey = Matrix(rows: 1, cols: 3, repeating: 0)
        var trueMix = Matrix(rows: 1, cols: 4, repeating: 0), otherMix = trueMix
        trueMix[0, 0] = 0.5
        trueMix[0, 3] = 0.5
        otherMix[0, 1] = 0.5
        otherMix[0, 2] = 0.5
        var gradient = Matrix(rows: 0, cols: 0)
        func loss(_ masks: Matrix, _ price: MaskColourSparsity) -> Float {
            MaskColourFit.loss(masks: masks, colours: grey, prototypes: prototypes, pixelsPerFrame: 1, weight: 1, price: price,
                               gradient: &gradient)
        }
        let beta = Float(MaskColourFit.sparsity)
        #expect(abs(loss(trueMix, .distance) - beta * 1.5) < 1e-6 && abs(loss(otherMix, .distance) - beta * 0.16) < 1e-6)
        #expect(abs(loss(trueMix, .contrast) - beta * Float(3).squareRoot()) < 1e-6)
        #expect(abs(loss(otherMix, .contrast) - beta * Float(3.32).squareRoot()) < 1e-6)
        // The contrast price is the channel's, whatever the pixel: the background's share is free.
        _ = loss(otherMix, .contrast)
        #expect(abs(gradient[0, 3]) < 1e-6 && abs(gradient[0, 0] - (beta * 2 * Float(3).squareRoot())) < 1e-5)
    }

    @Test func aRunMadeBeforeTheContrastPriceKeepsTheDistancePriceAndAFreshRunGetsTheContrastPrice() throws {
        var config = MaskColourFitTests.config()
        config.maskColourWeight = 1
        config.maskColourSparsity = .contrast
        var fields = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any])
        fields["maskColourSparsity"] = nil
        let old = try JSONDecoder().decode(WorldModelConfig.self, from: JSONSerialization.data(withJSONObject: fields))
        #expect(old.maskColourSparsity == nil && old.maskColourPrice == .distance && old.maskColourWeight == 1)
        #expect(old.resolvingSlots(bodies: 2).maskColourPrice == .contrast)  // a fresh run from such a config
        var chosen = old
        chosen.maskColourSparsity = .distance
        #expect(chosen.resolvingSlots(bodies: 2).maskColourPrice == .distance)
        try old.validate()
        config.maskColourWeight = nil
        #expect(throws: ConfigurationError.self) { try config.validate() }
    }

    @Test(arguments: MaskColourSparsity.allCases)
    func theGradientThroughTheSoftmaxMatchesFiniteDifferences(price: MaskColourSparsity) {
        var rng = RandomStream(seed: 21)
        let logits = Matrix.normal(rows: 2 * 9, cols: 3, rng: &rng)
        let colours = Matrix.normal(rows: 2 * 9, cols: 3, rng: &rng), prototypes = Matrix.normal(rows: 3, cols: 3, rng: &rng)
        func loss(_ x: Matrix) -> Double {
            var layer = SlotMasks(side: 3, slots: 2)
            _ = layer.forward(x)
            return Double(layer.fitColours(colours, prototypes: prototypes, weight: 0.7, price: price))
        }
        var layer = SlotMasks(side: 3, slots: 2)
        _ = layer.forward(logits)
        _ = layer.fitColours(colours, prototypes: prototypes, weight: 0.7, price: price)
        let grad = layer.backward(Matrix(rows: 2 * 2, cols: SlotMasks.featureSize, repeating: 0))
        FiniteDifferences.expectMatches(grad, at: logits, loss: loss)
        // A new forward pass forgets the colour loss: the moments' gradient alone.
        _ = layer.forward(logits)
        let momentsOnly = layer.backward(Matrix(rows: 2 * 2, cols: SlotMasks.featureSize, repeating: 0))
        #expect(momentsOnly.storage.allSatisfy { $0 == 0 })
    }

    static func config() -> WorldModelConfig {
        var config = WorldModelConfig()
        config.pixelEncoder = .slots
        config.slotCount = 2
        config.slotSize = 3
        config.pixelHidden = [8]
        return config
    }

    @Test(arguments: MaskColourSparsity.allCases)
    func theEncodersGradientWithTheColourLossMatchesFiniteDifferences(price: MaskColourSparsity) {
        let encoder = SlotEncoder(config: MaskColourFitTests.config(), frameSide: 4, seed: 9)
        let data = SyntheticWorld.data(episodes: 1, steps: 1, side: 4, seed: 2)
        let input = encoder.input(data, frames: [0, 1])
        var rng = RandomStream(seed: 22)
        let weights = Matrix.normal(rows: 2, cols: 6, rng: &rng)
        func loss(_ model: SlotEncoder) -> Double {
            var workspace = model.makeWorkspace()
            let z = model.forward(input, workspace: &workspace)
            return SlotLayerTests.weighted(z, weights)
                + Double(model.fitMaskColours(input, prototypes: MaskColourFitTests.prototypes(), weight: 0.3, price: price,
                                                             workspace: &workspace))
        }
        var workspace = encoder.makeWorkspace()
        var gradients = encoder.zeroGradients()
        _ = encoder.forward(input, workspace: &workspace)
        _ = encoder.fitMaskColours(input, prototypes: MaskColourFitTests.prototypes(), weight: 0.3, price: price,
                                   workspace: &workspace)
        encoder.backward(weights, workspace: &workspace, gradients: &gradients)
        let h: Float = 3e-4  // small enough that no ReLU switches and the curvature stays out of the difference
        for index in stride(from: 0, to: encoder.objectNetwork.parameters.count, by: 3) {
            var plus = encoder, minus = encoder
            plus.objectNetwork.parameters[index] += h
            minus.objectNetwork.parameters[index] -= h
            let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
            #expect(abs(numeric - Double(gradients[0][index])) < 3e-3, "object network parameter \(index)")
        }
    }

    @Test(arguments: MaskColourSparsity.allCases)
    func trainedAloneItGivesEachColourAChannelOfItsOwn(price: MaskColourSparsity) {
        let data = SyntheticWorld.data(episodes: 20, steps: 4, side: 16, seed: 3)
        var encoder = SlotEncoder(config: MaskColourFitTests.config(), frameSide: 16, seed: 5)
        let colours: [(name: String, colour: RGB)] = [("robot", RGB(230, 30, 20)), ("block", RGB(20, 40, 230)),
                                                      ("table", RGB(128, 128, 128))]
        let frames = Array(0..<data.frameCount)
        let untrained = SlotCoverage(encoder: encoder, data: data, frames: frames, colours: colours)
        #expect(untrained.share.allSatisfy { $0.max()! < 0.9 }, "the untrained masks do not separate the colours:\n\(untrained.text)")
        var workspace = encoder.makeWorkspace()
        var adam = Adam(learningRate: 1e-2)
        let prototypes = ColourPrototypes.fit(data, count: 3)
        let noLatentGradient = Matrix(rows: 16, cols: encoder.latentSize, repeating: 0)
        for _ in 0..<40 {
            for start in stride(from: 0, to: frames.count, by: 16) {
                let batch = Array(frames[start..<min(start + 16, frames.count)])
                let input = encoder.input(data, frames: batch)
                var gradients = encoder.zeroGradients()
                _ = encoder.forward(input, workspace: &workspace)
                _ = encoder.fitMaskColours(input, prototypes: prototypes, weight: 1, price: price, workspace: &workspace)
                encoder.backward(noLatentGradient.rows(0..<batch.count), workspace: &workspace, gradients: &gradients)
                adam.step(parameters: &encoder.objectNetwork.parameters, gradients: gradients[0])
            }
        }
        let coverage = SlotCoverage(encoder: encoder, data: data, frames: frames, colours: colours)
        let owners = coverage.share.map { row in row.indices.max { row[$0] < row[$1] }! }
        #expect(owners == [0, 1, 2] || owners == [1, 0, 2], "each colour in its own channel, the table in the background's:\n\(coverage.text)")
        for (label, row) in coverage.share.enumerated() {
            #expect(row[owners[label]] > 0.9, "\(coverage.labels[label]) mostly in one channel:\n\(coverage.text)")
        }
    }
}
