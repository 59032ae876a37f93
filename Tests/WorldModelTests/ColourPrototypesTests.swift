import Foundation
import Testing
import TensorCore
@testable import WorldModel

/// The mask channels' prototype colours: k-means of weighted colours, rare distinct colours found, the commonest last.
@Suite struct ColourPrototypesTests {
    @Test func aDominantColourAndThreeRareOnesGiveFourPrototypesTheDominantLast() {
        let grey: [Double] = [0.8, 0.8, 0.7], red: [Double] = [0.7, -0.5, -0.6]
        let blue: [Double] = [-0.5, -0.2, 0.6], green: [Double] = [-0.5, 0.3, -0.3]
        // Each rare colour as 20 pixels and its edge, a blend with grey, as 10; grey as 2,000.
        var colours = [grey, red, blue, green], weights: [Double] = [2000, 20, 20, 20]
        for colour in [red, blue, green] {
            colours.append(zip(colour, grey).map { 0.5 * ($0 + $1) })
            weights.append(10)
        }
        let prototypes = ColourPrototypes.prototypes(colours: colours, weights: weights, count: 4, seed: 3)
        #expect(prototypes.rows == 4 && prototypes.cols == 3)
        for d in 0..<3 { #expect(abs(Double(prototypes[3, d]) - grey[d]) < 0.05, "the commonest colour last") }
        // Each rare colour has a prototype of its own (its cluster's mean, drawn toward grey by its blends).
        let nearest = [red, blue, green].map { colour in
            (0..<4).min { a, b in
                (0..<3).reduce(0.0) { $0 + pow(Double(prototypes[a, $1]) - colour[$1], 2) }
                    < (0..<3).reduce(0.0) { $0 + pow(Double(prototypes[b, $1]) - colour[$1], 2) }
            }!
        }
        #expect(Set(nearest) == [0, 1, 2], "nearest prototypes \(nearest) of \(prototypes)")
    }

    @Test func theSyntheticWorldsThreeColoursAreItsPrototypes() {
        let data = SyntheticWorld.data(episodes: 4, steps: 3, side: 16, seed: 5)
        let prototypes = ColourPrototypes.fit(data, count: 3, seed: 1)
        let expected: [[UInt8]] = [[230, 30, 20], [20, 40, 230], [128, 128, 128]]
        let rows = (0..<3).map { row in (0..<3).map { UInt8(((prototypes[row, $0] + 1) * 127.5).rounded()) } }
        #expect(rows[2] == expected[2] && Set(rows[0..<2]) == Set(expected[0..<2]), "\(rows)")
    }
}
