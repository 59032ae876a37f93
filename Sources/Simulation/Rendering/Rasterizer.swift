import Foundation

/// A software rasterizer that renders a `Scene` to a square RGB8 image, anti-aliased.
///
/// Shapes are filled through `Coverage` (the anti-aliasing the viewer's canvas uses too): each pixel's
/// coverage comes from its centre's signed distance to the shape's edge (linear ramp over one pixel),
/// and the colour is blended by it.
/// Scratch buffers and the cached static layer are reused: `render(_:into:)` allocates nothing per frame.
/// Not thread-safe: one rasterizer per thread.
public final class Rasterizer {
    /// The image side (pixels).
    public let size: Int
    /// World-to-image mapping.
    public let projection: PixelProjection
    /// Bytes of one image, `size * size * 3`.
    public var byteCount: Int { size * size * 3 }
    /// Scratch: a polygon's vertices in image coordinates.
    var points: [SIMD2<Double>] = []
    /// The static layer (table, goal, leading wall bodies) of the last frame, and what it was drawn from.
    private var background: [UInt8] = []
    private var backgroundSource: (table: RGB, goal: SceneGoal?, walls: ArraySlice<SceneBody>)?

    /// A rasterizer for `size × size` images of a `tableSize` table.
    public init(size: Int, tableSize: SIMD2<Double>) {
        precondition(size > 0, "image size must be positive")
        self.size = size
        projection = PixelProjection(size: size, tableSize: tableSize)
        points.reserveCapacity(16)
    }

    /// Renders `scene` into a new image (`size*size*3` bytes, row-major RGB, top row = far edge).
    public func render(_ scene: Scene) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, count in
            render(scene, into: buffer)
            count = byteCount
        }
    }

    /// Renders `scene` into `buffer`, which must hold at least `byteCount` bytes.
    ///
    /// Order: table, goal outline, the leading wall bodies, then the other bodies in scene order.
    /// The static layer (table, goal, walls) is kept and reused while it stays the same.
    public func render(_ scene: Scene, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        precondition(buffer.count >= byteCount, "buffer too small for a \(size)x\(size) RGB image")
        let wallCount = scene.bodies.prefix { $0.role == .wall }.count
        let walls = scene.bodies[..<wallCount]
        if let source = backgroundSource, source.table == scene.tableColor, source.goal == scene.goal, source.walls == walls {
            background.withUnsafeBufferPointer { _ = buffer.update(fromContentsOf: $0) }
        } else {
            drawStaticLayer(scene, walls: walls, into: buffer)
            background = Array(buffer[..<byteCount])
            backgroundSource = (scene.tableColor, scene.goal, walls)
        }
        for body in scene.bodies[wallCount...] {
            for shape in body.shapes {
                fill(shape, position: body.position, angle: body.angle, color: body.color, into: buffer)
            }
        }
    }

    /// Draws the table, the goal and the wall bodies.
    private func drawStaticLayer(_ scene: Scene, walls: ArraySlice<SceneBody>, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let table = scene.tableColor
        for i in 0..<(size * size) {
            buffer[3 * i] = table.r
            buffer[3 * i + 1] = table.g
            buffer[3 * i + 2] = table.b
        }
        if let goal = scene.goal {
            for shape in goal.shapes {
                fill(shape, position: goal.position, angle: goal.angle, color: goal.color, into: buffer)
            }
        }
        for body in walls {
            for shape in body.shapes {
                fill(shape, position: body.position, angle: body.angle, color: body.color, into: buffer)
            }
        }
    }

    /// Fills one shape given in a body frame placed at `position`, rotated by `angle`.
    func fill(_ shape: SceneShape, position: SIMD2<Double>, angle: Double, color: RGB,
              into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let c = cos(angle), s = sin(angle)
        @inline(__always) func toPixel(_ p: SIMD2<Double>) -> SIMD2<Double> {
            projection.pixel(SIMD2(c * p.x - s * p.y + position.x, s * p.x + c * p.y + position.y))
        }
        let scale = projection.pixelsPerMetre
        switch shape {
        case let .circle(center, radius):
            let p = toPixel(center)
            fill(CapsuleCoverage(a: p, b: p, radius: radius * scale), color: color, into: buffer)
        case let .segment(a, b, radius):
            fill(CapsuleCoverage(a: toPixel(a), b: toPixel(b), radius: radius * scale), color: color, into: buffer)
        case let .polygon(vertices):
            points.removeAll(keepingCapacity: true)
            for v in vertices { points.append(toPixel(v)) }
            points.withUnsafeBufferPointer { points in
                ConvexPolygonCoverage.withPolygon(points) { fill($0, color: color, into: buffer) }
            }
        }
    }
}
