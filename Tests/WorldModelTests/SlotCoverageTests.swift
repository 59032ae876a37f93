import Simulation
import Testing
import TensorCore
@testable import WorldModel

/// How slot masks share out the colours of frames, against the masks summed by hand.
@Suite struct SlotCoverageTests {
    @Test func eachColoursMaskMassIsSharedOutByChannel() {
        let data = SyntheticWorld.data(episodes: 1, steps: 2, side: 8, seed: 4)
        var config = WorldModelConfig()
        config.pixelEncoder = .slots
        config.slotCount = 2
        config.pixelHidden = [8]
        let encoder = SlotEncoder(config: config, frameSide: 8, seed: 6)
        let colours: [(name: String, colour: RGB)] = [("robot", RGB(230, 30, 20)), ("block", RGB(20, 40, 230)),
                                                      ("table", RGB(128, 128, 128))]
        let coverage = SlotCoverage(encoder: encoder, data: data, frames: [0, 2], colours: colours)
        let masks = encoder.masks(data, frames: [0, 2])
        var expected = [[Double]](repeating: [0, 0, 0], count: 3), counts = [0, 0, 0]
        let pixels = data.pixels!
        for (row, frame) in [0, 2].enumerated() {
            for i in 0..<64 {
                let p = (frame * 64 + i) * 3
                let label = pixels[p] == 230 ? 0 : pixels[p + 2] == 230 ? 1 : 2
                counts[label] += 1
                for c in 0..<3 { expected[label][c] += Double(masks[row * 64 + i, c]) }
            }
        }
        #expect(coverage.pixels == counts && coverage.labels == ["robot", "block", "table"])
        for l in 0..<3 {
            let total = expected[l].reduce(0, +)
            for c in 0..<3 { #expect(abs(coverage.share[l][c] - expected[l][c] / total) < 1e-6) }
        }
        for c in 0..<3 {  // each channel's mass by label sums to one
            #expect(abs(coverage.composition[c].reduce(0, +) - 1) < 1e-9)
        }
        #expect(coverage.text.contains("slot 0") && coverage.text.contains("background") && coverage.text.contains("table share"))
    }
}
