import Testing
import TensorCore
@testable import WorldModel

/// The mask channels' prototype colours: the modes of the colour histogram, the commonest last.
@Suite struct ColourPrototypesTests {
    @Test func theModesAreThePureColoursNotTheEdgesMixtures() {
        let grey: [Double] = [236, 232, 222], red: [Double] = [220, 70, 60], blue: [Double] = [70, 110, 200]
        // By count: grey, an edge pixel a byte off grey, red, one a few bytes off red, blue, then red-grey and blue-grey mixtures.
        let colours = [grey, [235, 232, 222], red, [214, 75, 66], blue, [228, 151, 141], [153, 171, 211]]
        #expect(ColourPrototypes.modes(colours, count: 3) == [grey, red, blue])
        #expect(ColourPrototypes.modes(colours, count: 4) == [grey, red, blue, [228, 151, 141]], "then by count")
        let prototypes = ColourPrototypes.prototypes([grey, red], count: 3)
        #expect((0..<3).map { prototypes[2, $0] } == grey.map { Float($0 * (2.0 / 255) - 1) }, "the commonest last")
        #expect((0..<3).map { prototypes[0, $0] } == red.map { Float($0 * (2.0 / 255) - 1) })
        #expect((0..<3).allSatisfy { prototypes[1, $0] == ColourPrototypes.unused }, "a channel without a mode")
    }

    @Test func theSyntheticWorldsThreeColoursAreItsPrototypes() {
        let data = SyntheticWorld.data(episodes: 4, steps: 3, side: 16, seed: 5)
        let prototypes = ColourPrototypes.fit(data, count: 3)
        let expected: [[UInt8]] = [[230, 30, 20], [20, 40, 230], [128, 128, 128]]
        let rows = (0..<3).map { row in (0..<3).map { UInt8(((prototypes[row, $0] + 1) * 127.5).rounded()) } }
        #expect(rows[2] == expected[2] && Set(rows[0..<2]) == Set(expected[0..<2]), "\(rows)")
    }
}
