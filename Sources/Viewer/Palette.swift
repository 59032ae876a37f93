#if Viewer
import Foundation
import Simulation

/// The viewer's own colours, loaded from `assets/palette.json` (`#rrggbb`, opacities and shades in 0...1).
///
/// Only what the world does not define: the window, the HUD, overlays (lidar, contacts, prediction
/// markers, targets) and how outlines and the grid are shaded. Table, walls, robot, objects and goal
/// are drawn in the world's own colours, the ones its pixel observations use.
public struct Palette: Sendable {
    public var background: RGB
    /// Outlines (bodies, table edge, goal) are the fill colour with RGB multiplied by this factor.
    public var outlineShade: Double
    /// The table's grid lines are the table colour multiplied by this factor.
    public var gridShade: Double
    /// The opacity of the goal's fill, so that what lies on it stays visible.
    public var goalOpacity: Double
    public var lidarRay: RGB
    public var lidarRayOpacity: Double
    public var lidarHit: RGB
    public var contact: RGB
    public var target: RGB
    public var realMarker: RGB
    public var text: RGB
    public var textDim: RGB
    public var panel: RGB
    public var panelOpacity: Double
    public var plotLine: RGB
    public var plotAxis: RGB

    /// The palette shipped in the viewer's assets.
    public static func bundled() throws -> Palette {
        try Palette(json: ViewerAssets.text("palette.json"), source: "palette.json")
    }

    /// Parses a palette; errors name `source` and the offending key.
    public init(json: String, source: String) throws {
        let raw: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
                throw ViewerError.asset(source, "expected a JSON object of colours")
            }
            raw = object
        } catch let error as ViewerError {
            throw error
        } catch {
            throw ViewerError.asset(source, "not valid JSON: \(error)")
        }
        func color(_ key: String) throws -> RGB {
            guard let text = raw[key] as? String else { throw ViewerError.asset(source, "missing colour `\(key)`") }
            guard let color = RGB(hex: text) else { throw ViewerError.asset(source, "`\(key)`: expected #rrggbb, found \(text)") }
            return color
        }
        func fraction(_ key: String) throws -> Double {
            guard let value = raw[key] as? Double, (0...1).contains(value) else {
                throw ViewerError.asset(source, "`\(key)`: expected a number in 0...1")
            }
            return value
        }
        background = try color("background")
        outlineShade = try fraction("outlineShade")
        gridShade = try fraction("gridShade")
        goalOpacity = try fraction("goalOpacity")
        lidarRay = try color("lidarRay")
        lidarRayOpacity = try fraction("lidarRayOpacity")
        lidarHit = try color("lidarHit")
        contact = try color("contact")
        target = try color("target")
        realMarker = try color("realMarker")
        text = try color("text")
        textDim = try color("textDim")
        panel = try color("panel")
        panelOpacity = try fraction("panelOpacity")
        plotLine = try color("plotLine")
        plotAxis = try color("plotAxis")
    }

    /// The outline colour that goes with a fill colour.
    public func outline(of fill: RGB) -> RGB { fill.shaded(outlineShade) }
}
#endif
