import Testing
@testable import Simulation

/// Which worlds have the symmetries of the square, and which shapes are their own mirror image.
@Suite struct WorldSymmetryTests {
    @Test func pushWorldsAreSquareSymmetricArmAndDriveAreNot() throws {
        #expect(try WorldSpec.builtIn(named: "push").hasSquareSymmetry)
        #expect(try WorldSpec.builtIn(named: "push-tee").hasSquareSymmetry)
        #expect(try !WorldSpec.builtIn(named: "arm").hasSquareSymmetry)
        #expect(try !WorldSpec.builtIn(named: "diffdrive").hasSquareSymmetry)
    }

    @Test func aRectangularTableBreaksTheSymmetry() throws {
        var spec = try WorldSpec.builtIn(named: "push")
        spec.table.size.x += 0.1
        #expect(!spec.hasSquareSymmetry)
    }

    @Test func shapesMirrorSymmetricAboutTheLocalYAxis() {
        #expect(ShapeSpec.circle(radius: 0.1, offset: [0, -0.2]).isMirrorSymmetricAboutLocalY)
        #expect(!ShapeSpec.circle(radius: 0.1, offset: [0.05, 0]).isMirrorSymmetricAboutLocalY)
        #expect(ShapeSpec.box(size: [0.1, 0.2], offset: [0, 0.3], angle: .pi / 2).isMirrorSymmetricAboutLocalY)
        #expect(!ShapeSpec.box(size: [0.1, 0.2], offset: [0, 0], angle: 0.3).isMirrorSymmetricAboutLocalY)
        #expect(!ShapeSpec.box(size: [0.1, 0.2], offset: [0.01, 0], angle: 0).isMirrorSymmetricAboutLocalY)
        #expect(ShapeSpec.polygon(points: [[-0.1, 0], [0.1, 0], [0, 0.2]]).isMirrorSymmetricAboutLocalY)
        #expect(!ShapeSpec.polygon(points: [[0, 0], [0.1, 0], [0, 0.2]]).isMirrorSymmetricAboutLocalY)
    }
}
