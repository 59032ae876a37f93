#if Viewer
import Foundation
import Simulation

/// What a captured frame shows, written next to a screenshot as JSON so that tests and scripts can
/// check the pixels: where each body's centre landed on screen and the colour it was drawn in.
public struct FrameDescription: Codable, Sendable {
    public struct Body: Codable, Sendable {
        public var name: String
        public var role: String
        /// World position (m).
        public var position: [Double]
        /// Projected centre (pixels, y down).
        public var pixel: [Double]
        /// Fill colour, `#rrggbb`.
        public var color: String
    }

    public struct Ghost: Codable, Sendable {
        public var name: String
        /// The projection of the forecast's last step (pixels).
        public var pixel: [Double]
    }

    public var world: String
    public var seed: UInt64
    public var step: Int
    public var width: Int
    public var height: Int
    /// The table colour, `#rrggbb`.
    public var table: String
    /// The table's corners on screen: [left, top, right, bottom] in pixels.
    public var tableRect: [Double]
    /// Robot parts and objects (no walls).
    public var bodies: [Body]
    /// The forecast's farthest ghosts, when a model is shown.
    public var ghosts: [Ghost]
    /// The forecast's horizon, and the error of the prediction checked this frame, when shown.
    public var horizon: Int?
    public var predictionError: Double?
    /// The robot parts and objects as the dream pane shows them, when it is shown.
    public var dreamBodies: [Body]?

    /// The robot parts and objects of `scene` (no walls) as `camera` projects them.
    static func bodies(of scene: Scene, camera: Camera) -> [Body] {
        scene.bodies.filter { $0.role != .wall }.map { body in
            let pixel = camera.toScreen(body.position)
            return Body(name: body.name, role: body.role.rawValue, position: [body.position.x, body.position.y],
                        pixel: [pixel.x, pixel.y], color: body.color.hex)
        }
    }

    /// The sidecar file for a screenshot: `shot.png` → `shot.json`.
    public static func sidecarURL(for screenshot: URL) -> URL {
        screenshot.deletingPathExtension().appendingPathExtension("json")
    }
}
#endif
