import Foundation
import Testing
import TensorCore
@testable import WorldModel

/// The object-slot encoder trained by the contrastive hinge on the two-body synthetic world.
@Suite struct SlotTrainingTests {
    static func config() -> WorldModelConfig {
        var config = TrainingTests.config(epochs: 8)
        config.pixelEncoder = .slots
        config.slotSize = 4
        config.pixelHidden = [8]
        return config
    }

    @Test func aFreshRunRecordsTheWorldsBodyCountAsItsSlots() throws {
        let record = try WorldModelTrainer.freshRecord(config: SlotTrainingTests.config(), data: SyntheticWorld.signature(side: 16),
                                                       dataset: nil)
        #expect(record.config.slotCount == 2 && record.config.latentSize == 8)
    }

    @Test func trainedSlotMasksSeparateTheTwoBodies() throws {
        let train = SyntheticWorld.data(episodes: 60, steps: 10, seed: 1)
        let test = SyntheticWorld.data(episodes: 10, steps: 10, seed: 2)
        let run = TrainingTests.temporaryRun()
        defer { try? FileManager.default.removeItem(at: run) }
        var config = SlotTrainingTests.config()
        config.forwardEpochs = 0
        let trainer = try WorldModelTrainer(config: config, data: SyntheticWorld.signature(side: 16),
                                            train: train, validation: test, runURL: run)
        try trainer.run()
        let encoder = try #require(trainer.models.contrastive.encoder as? SlotEncoder)
        let frames = Array(0..<test.frameCount)
        let masks = encoder.masks(test, frames: frames)
        // The slot that owns most of each body's pixels (the robot red, the block blue), over every test frame.
        var owner = [[Int]](repeating: [0, 0, 0], count: 2)
        let pixels = test.pixels!, area = 16 * 16
        for frame in frames {
            for i in 0..<area {
                let red = pixels[(frame * area + i) * 3], blue = pixels[(frame * area + i) * 3 + 2]
                guard red > 200 || blue > 200 else { continue }
                let row = frame * area + i
                let best = (0..<3).max { masks[row, $0] < masks[row, $1] }!
                owner[red > 200 ? 0 : 1][best] += 1
            }
        }
        let robotSlot = owner[0].indices.max { owner[0][$0] < owner[0][$1] }!
        let blockSlot = owner[1].indices.max { owner[1][$0] < owner[1][$1] }!
        #expect(robotSlot != blockSlot && robotSlot < 2 && blockSlot < 2, "pixel owners: robot \(owner[0]), block \(owner[1])")
        let robotShare = Double(owner[0][robotSlot]) / Double(owner[0].reduce(0, +))
        let blockShare = Double(owner[1][blockSlot]) / Double(owner[1].reduce(0, +))
        #expect(robotShare > 0.8 && blockShare > 0.8, "robot pixels in their slot \(robotShare), block pixels \(blockShare); owners: robot \(owner[0]), block \(owner[1])")
    }
}

@Suite struct SlotMaskImageTests {
    @Test func eachSlotGetsTheFrameLitByItsMaskCaptionedWithItsBody() throws {
        var config = SlotTrainingTests.config()
        config.slotCount = 2
        let encoder = SlotEncoder(config: config, frameSide: 8, seed: 3)
        let data = SyntheticWorld.data(episodes: 1, steps: 2, side: 8, seed: 4)
        let images = SlotMaskImages.images(encoder: encoder, data: data, frame: 1, bodySlots: [1, nil], bodyNames: ["robot", "block"])
        #expect(images.map(\.caption) == ["camera (pooled)", "slot 0", "slot 1 → robot"])
        let masks = encoder.masks(data, frames: [1])
        let camera = Array(data.pixels![(64 * 3)..<(128 * 3)])
        #expect(images[0].image.rgb == camera)
        for i in 0..<64 {
            let expected = (Float(camera[i * 3]) * (0.25 + 0.75 * masks[i, 1])).rounded()
            #expect(Float(images[2].image.rgb[i * 3]) == expected)
        }
    }
}
