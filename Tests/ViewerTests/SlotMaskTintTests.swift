#if Viewer
import Simulation
import TensorCore
import Testing
@testable import Viewer

/// What the model sees: slot masks tinted over the camera image, checked pixel by pixel.
@Suite struct SlotMaskTintTests {
    @Test func twoSlotsTintTheirPixelsTowardTheirColoursAndTheBackgroundLeavesTheCamera() {
        // A 2x2 image: slot 0 claims pixel 0, slot 1 pixel 1, pixel 2 is background, pixel 3 split between both slots.
        let camera: [UInt8] = [100, 100, 100, 200, 0, 50, 10, 20, 30, 0, 0, 0]
        let masks = Matrix(rows: 4, cols: 3, elements: [
            1, 0, 0,
            0, 1, 0,
            0, 0, 1,
            0.25, 0.25, 0.5,
        ])
        let red = RGB(255, 0, 0), blue = RGB(0, 0, 255)
        let tinted = SlotMaskTint.tint(camera: camera, masks: masks, colors: [red, blue], strength: 0.5)
        #expect(Array(tinted[0..<3]) == [178, 50, 50])  // 0.5·100 + 0.5·255 = 177.5 → 178; 0.5·100 = 50
        #expect(Array(tinted[3..<6]) == [100, 0, 153])  // 0.5·200; 0; 0.5·50 + 0.5·255 = 152.5 → 153
        #expect(Array(tinted[6..<9]) == [10, 20, 30])  // background: the camera unchanged
        #expect(Array(tinted[9..<12]) == [32, 0, 32])  // black, 0.5·(0.25·255) = 31.875 → 32 of each colour
    }

    @Test func theImageIsDrawnScaledByNearestNeighbour() {
        var canvas = Canvas(width: 6, height: 4)
        let image: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]  // 2x2: red green / blue white
        canvas.drawImage(image, imageWidth: 2, imageHeight: 2, x: 1, y: 0, width: 4, height: 4)
        #expect(canvas[0, 0] == RGB(0, 0, 0) && canvas[5, 3] == RGB(0, 0, 0))
        #expect(canvas[1, 0] == RGB(255, 0, 0) && canvas[2, 1] == RGB(255, 0, 0))
        #expect(canvas[3, 0] == RGB(0, 255, 0) && canvas[4, 1] == RGB(0, 255, 0))
        #expect(canvas[1, 2] == RGB(0, 0, 255) && canvas[4, 3] == RGB(255, 255, 255))
    }

    @Test func slotsNoBodyIsReadFromGetColoursOfTheirOwn() {
        let colors = (0..<8).map(ModelSight.unreadSlotColor)
        #expect(Set(colors).count == 8)
    }

    @Test func aSlotTakesTheColourOfTheBodyTheProbeReadsFromIt() {
        // Run bodies 0, 1, 2 are read from slots 2, none, 0; the world lists them as run bodies 1, 2, 0.
        let green = RGB(0, 200, 0), red = RGB(200, 0, 0), blue = RGB(0, 0, 200)
        let colors = LatentPredictionSource.slotColors(slots: 4, bodySlots: [2, nil, 0], order: [1, 2, 0], bodyColors: [green, red, blue])
        #expect(colors == [red, ModelSight.unreadSlotColor(1), blue, ModelSight.unreadSlotColor(3)])
    }
}
#endif
