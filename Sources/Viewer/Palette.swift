#if Viewer
import Foundation

/// The viewer's colours, loaded from `assets/palette.json` (hex `#rrggbb` or `#rrggbbaa`).
public struct Palette: Sendable {
    public var background: Color
    public var table: Color
    public var tableBorder: Color
    public var grid: Color
    public var wall: Color
    public var robot: Color
    /// Object colours, assigned to objects in order and reused cyclically.
    public var objects: [Color]
    /// Outlines are the fill colour with RGB multiplied by this factor.
    public var outlineShade: Double
    public var goal: Color
    public var goalOutline: Color
    public var lidarRay: Color
    public var lidarHit: Color
    public var contact: Color
    public var target: Color
    public var realMarker: Color
    public var text: Color
    public var textDim: Color
    public var panel: Color
    public var plotLine: Color
    public var plotAxis: Color

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
        func color(_ key: String) throws -> Color {
            guard let text = raw[key] as? String else { throw ViewerError.asset(source, "missing colour `\(key)`") }
            guard let color = Color(hex: text) else {
                throw ViewerError.asset(source, "`\(key)`: expected #rrggbb or #rrggbbaa, found \(text)")
            }
            return color
        }
        background = try color("background")
        table = try color("table")
        tableBorder = try color("tableBorder")
        grid = try color("grid")
        wall = try color("wall")
        robot = try color("robot")
        guard let list = raw["objects"] as? [String], !list.isEmpty else {
            throw ViewerError.asset(source, "`objects`: expected a non-empty list of colours")
        }
        objects = try list.enumerated().map { index, text in
            guard let color = Color(hex: text) else {
                throw ViewerError.asset(source, "`objects[\(index)]`: expected #rrggbb, found \(text)")
            }
            return color
        }
        guard let shade = raw["outlineShade"] as? Double, (0...1).contains(shade) else {
            throw ViewerError.asset(source, "`outlineShade`: expected a number in 0...1")
        }
        outlineShade = shade
        goal = try color("goal")
        goalOutline = try color("goalOutline")
        lidarRay = try color("lidarRay")
        lidarHit = try color("lidarHit")
        contact = try color("contact")
        target = try color("target")
        realMarker = try color("realMarker")
        text = try color("text")
        textDim = try color("textDim")
        panel = try color("panel")
        plotLine = try color("plotLine")
        plotAxis = try color("plotAxis")
    }

    /// The colour of the `index`-th object.
    public func objectColor(_ index: Int) -> Color { objects[index % objects.count] }

    /// The outline colour that goes with a fill colour.
    public func outline(of fill: Color) -> Color { fill.shaded(outlineShade).withOpacity(Double(fill.alpha) / 255) }
}
#endif
