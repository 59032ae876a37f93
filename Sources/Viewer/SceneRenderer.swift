#if Viewer
import Foundation
import Simulation

/// Which optional layers of the scene to draw.
public struct SceneLayers: Equatable, Sendable {
    public var lidar = true
    public var contacts = true

    public init(lidar: Bool = true, contacts: Bool = true) {
        self.lidar = lidar
        self.contacts = contacts
    }
}

/// Draws a Simulation `Scene` onto a canvas: table, goal, lidar, walls, robot and objects with
/// outlines and orientation marks, contact points.
///
/// Table, goal and bodies are drawn in the scene's colours (the world's, the same as in pixel
/// observations and reports); the palette only adds the shading and the overlays.
public struct SceneRenderer: Sendable {
    public let palette: Palette

    public init(palette: Palette) {
        self.palette = palette
    }

    /// The world rectangle a scene is shown in: the table and the walls around it, plus a thin margin.
    public static func worldBounds(of scene: Scene) -> (min: SIMD2<Double>, max: SIMD2<Double>) {
        var low = -scene.tableSize / 2, high = scene.tableSize / 2
        func include(_ p: SIMD2<Double>, _ radius: Double) {
            low = pointwiseMin(low, p - SIMD2(repeating: radius))
            high = pointwiseMax(high, p + SIMD2(repeating: radius))
        }
        for body in scene.bodies where body.role == .wall {
            for shape in body.shapes {
                switch shape {
                case let .circle(center, radius): include(body.worldPoint(center), radius)
                case let .polygon(vertices): for v in vertices { include(body.worldPoint(v), 0) }
                case let .segment(a, b, radius):
                    include(body.worldPoint(a), radius)
                    include(body.worldPoint(b), radius)
                }
            }
        }
        let margin = SIMD2(repeating: 0.015 * max(high.x - low.x, high.y - low.y))
        return (low - margin, high + margin)
    }

    /// The table, its grid and the goal: everything that lies flat under the bodies.
    public func drawTable(_ scene: Scene, camera: Camera, into canvas: inout Canvas) {
        let topLeft = camera.toScreen(SIMD2(-scene.tableSize.x / 2, scene.tableSize.y / 2))
        let bottomRight = camera.toScreen(SIMD2(scene.tableSize.x / 2, -scene.tableSize.y / 2))
        let corners = [topLeft, SIMD2(bottomRight.x, topLeft.y), bottomRight, SIMD2(topLeft.x, bottomRight.y)]
        canvas.drawConvexPolygon(corners, fill: scene.tableColor, outline: palette.outline(of: scene.tableColor), outlineWidth: 2)
        let grid = scene.tableColor.shaded(palette.gridShade)
        // A 10 cm grid, faint and pixel-aligned, to judge distances and speeds by.
        let half = scene.tableSize / 2, spacing = 0.1
        let left = Int(topLeft.x.rounded()) + 3, right = Int(bottomRight.x.rounded()) - 3
        let top = Int(topLeft.y.rounded()) + 3, bottom = Int(bottomRight.y.rounded()) - 3
        for x in stride(from: (-half.x / spacing).rounded(.up) * spacing, to: half.x - 1e-9, by: spacing) where abs(x + half.x) > 1e-9 {
            let column = Int(camera.toScreen(SIMD2(x, 0)).x)
            canvas.fillRect(x0: column, y0: top, x1: column + 1, y1: bottom, color: grid)
        }
        for y in stride(from: (-half.y / spacing).rounded(.up) * spacing, to: half.y - 1e-9, by: spacing) where abs(y + half.y) > 1e-9 {
            let row = Int(camera.toScreen(SIMD2(0, y)).y)
            canvas.fillRect(x0: left, y0: row, x1: right, y1: row + 1, color: grid)
        }
        if let goal = scene.goal {
            let pose = BodyPose(position: goal.position, angle: goal.angle)
            drawShapes(goal.shapes, at: pose, camera: camera, fill: goal.color, outline: nil, opacity: palette.goalOpacity, into: &canvas)
            drawShapes(goal.shapes, at: pose, camera: camera, fill: nil, outline: palette.outline(of: goal.color), into: &canvas)
        }
    }

    /// Lidar rays (under the bodies) when the layer is on.
    public func drawLidar(_ scene: Scene, camera: Camera, layers: SceneLayers, into canvas: inout Canvas) {
        guard layers.lidar else { return }
        for ray in scene.lidarRays {
            canvas.drawLine(from: camera.toScreen(ray.origin), to: camera.toScreen(ray.end), width: 1.2, color: palette.lidarRay,
                            opacity: palette.lidarRayOpacity)
        }
    }

    /// Walls, robot and objects, then the lidar hits and contact points on top.
    public func drawBodies(_ scene: Scene, camera: Camera, layers: SceneLayers, into canvas: inout Canvas) {
        for body in scene.bodies {
            let fill = body.color, pose = BodyPose(position: body.position, angle: body.angle)
            // Walls are flat so that overlapping wall pieces merge into one frame.
            let outline = body.role == .wall ? nil : palette.outline(of: fill)
            drawShapes(body.shapes, at: pose, camera: camera, fill: fill, outline: outline, into: &canvas)
            if body.role != .wall { drawOrientationMark(body.shapes, at: pose, camera: camera, color: palette.outline(of: fill), into: &canvas) }
        }
        let dot = max(2.5, camera.pixels(0.006))
        if layers.lidar {
            for ray in scene.lidarRays where ray.hit {
                canvas.drawCircle(center: camera.toScreen(ray.end), radius: dot * 0.7, fill: palette.lidarHit)
            }
        }
        if layers.contacts {
            for contact in scene.contacts {
                canvas.drawCircle(center: camera.toScreen(contact), radius: dot, fill: palette.contact,
                                  outline: palette.outline(of: palette.contact), outlineWidth: 1)
            }
        }
    }

    /// Draws shapes given in a body frame at `pose`, filled and/or outlined, at `opacity`.
    public func drawShapes(
        _ shapes: [SceneShape], at pose: BodyPose, camera: Camera, fill: RGB?, outline: RGB?, opacity: Double = 1,
        into canvas: inout Canvas
    ) {
        let c = cos(pose.angle), s = sin(pose.angle)
        func screen(_ local: SIMD2<Double>) -> SIMD2<Double> {
            camera.toScreen(SIMD2(c * local.x - s * local.y, s * local.x + c * local.y) + pose.position)
        }
        let outlineWidth = max(1.5, camera.pixels(0.0035))
        for shape in shapes {
            switch shape {
            case let .circle(center, radius):
                canvas.drawCircle(center: screen(center), radius: camera.pixels(radius), fill: fill, outline: outline,
                                  outlineWidth: outlineWidth, opacity: opacity)
            case let .polygon(vertices):
                withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: vertices.count) { points in
                    for (i, v) in vertices.enumerated() { points[i] = screen(v) }
                    canvas.drawConvexPolygon(UnsafeBufferPointer(points), fill: fill, outline: outline, outlineWidth: outlineWidth,
                                             opacity: opacity)
                }
            case let .segment(a, b, radius):
                let pa = screen(a), pb = screen(b), width = 2 * camera.pixels(radius)
                if let outline { canvas.drawLine(from: pa, to: pb, width: width, color: outline, opacity: opacity) }
                let inner = outline == nil ? width : max(1, width - 2 * outlineWidth)
                if let fill { canvas.drawLine(from: pa, to: pb, width: inner, color: fill, opacity: opacity) }
            }
        }
    }

    /// A short stroke along the body's +x axis, from 40 % to 85 % of its reach, clear of the centre.
    func drawOrientationMark(_ shapes: [SceneShape], at pose: BodyPose, camera: Camera, color: RGB, into canvas: inout Canvas) {
        var reach = 0.0
        for shape in shapes {
            switch shape {
            case let .circle(center, radius): if center == .zero { reach = max(reach, radius) }
            case let .polygon(vertices): reach = max(reach, Self.reachAlongX(vertices))
            case .segment: break
            }
        }
        guard reach > 0 else { return }
        let axis = SIMD2(cos(pose.angle), sin(pose.angle))
        let from = camera.toScreen(pose.position + 0.4 * reach * axis), to = camera.toScreen(pose.position + 0.85 * reach * axis)
        canvas.drawLine(from: from, to: to, width: max(2, camera.pixels(0.004)), color: color)
    }

    /// How far the +x axis from the origin stays inside a convex polygon.
    static func reachAlongX(_ vertices: [SIMD2<Double>]) -> Double {
        var reach = Double.infinity
        for i in vertices.indices {
            let p = vertices[i], q = vertices[(i + 1) % vertices.count]
            // Where the edge crosses the x axis, on the positive side.
            guard (p.y <= 0 && q.y > 0) || (q.y <= 0 && p.y > 0) else { continue }
            let x = p.x + (q.x - p.x) * (-p.y) / (q.y - p.y)
            if x > 0 { reach = min(reach, x) }
        }
        return reach.isFinite ? reach : 0
    }
}
#endif
