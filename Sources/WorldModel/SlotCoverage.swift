import Simulation
import TensorCore

/// How a slot encoder's masks share out the bodies: every pooled pixel that shows one world colour (a body's or the
/// table's, within `tolerance`) is labelled with it, and each label's mask mass is divided among the mask channels.
///
/// Anti-aliased edge pixels, which mix colours, are left out. A slot that holds most of two bodies has merged them.
public struct SlotCoverage: Sendable, Equatable {
    /// The labels: the bodies, then the table.
    public let labels: [String]
    /// `share[l][c]`: the fraction of the mask mass of label `l`'s pixels in channel `c` (the slots, background last).
    public let share: [[Double]]
    /// Pixels labelled `l` over the frames.
    public let pixels: [Int]

    /// A pixel shows a colour when it lies within this Euclidean distance of it (bytes, 0...255 per channel).
    public static let tolerance = 24.0

    /// The coverage of `frames` of `data` by `encoder`'s masks; `colours` names the bodies' colours then the table's.
    public init(encoder: SlotEncoder, data: EpisodeData, frames: [Int], colours: [(name: String, colour: RGB)]) {
        self.init(masks: encoder.masks(data, frames: frames), data: data, frames: frames, colours: colours)
    }

    /// The coverage of `frames` of `data` by their `masks` (`SlotEncoder.masks`: `[frames.count * P, K + 1]`, the frames in
    /// order); `colours` names the bodies' colours then the table's.
    public init(masks: Matrix, data: EpisodeData, frames: [Int], colours: [(name: String, colour: RGB)]) {
        guard let raw = data.pixels else { preconditionFailure("SlotCoverage: the data has no pixels") }
        let channels = masks.cols, area = data.pixelsPerFrame
        precondition(masks.rows == frames.count * area, "SlotCoverage: masks \(masks.shape) for \(frames.count) frames of \(area) pixels")
        var mass = [[Double]](repeating: [Double](repeating: 0, count: channels), count: colours.count)
        var counts = [Int](repeating: 0, count: colours.count)
        for (row, frame) in frames.enumerated() {
            for i in 0..<area {
                let p = (frame * area + i) * 3
                guard let label = SlotCoverage.label(r: raw[p], g: raw[p + 1], b: raw[p + 2], colours: colours) else { continue }
                counts[label] += 1
                for c in 0..<channels { mass[label][c] += Double(masks[row * area + i, c]) }
            }
        }
        labels = colours.map(\.name)
        share = mass.map { row in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? $0 / total : 0 }
        }
        pixels = counts
    }

    /// The index of the colour within `tolerance` of a pixel, if any.
    static func label(r: UInt8, g: UInt8, b: UInt8, colours: [(name: String, colour: RGB)]) -> Int? {
        colours.indices.first { index in
            let c = colours[index].colour
            let dr = Double(r) - Double(c.r), dg = Double(g) - Double(c.g), db = Double(b) - Double(c.b)
            return (dr * dr + dg * dg + db * db).squareRoot() <= tolerance
        }
    }

    /// The bodies' colours in `bodies`' order, then the table's, from `spec`; nil when a body is not in its scene.
    public static func colours(of spec: WorldSpec, bodies: [String]) -> [(name: String, colour: RGB)]? {
        guard let environment = try? Environment(spec: spec, observations: ObservationSettings(kinds: [.state], pixelSize: 8))
        else { return nil }
        let scene = environment.scene()
        var out: [(name: String, colour: RGB)] = []
        for name in bodies {
            guard let body = scene.bodies.first(where: { $0.name == name }) else { return nil }
            out.append((name, body.color))
        }
        return out + [("table", spec.table.color)]
    }

    /// The labels whose mask mass channel `channel` holds at least half of.
    public func majority(of channel: Int) -> [String] {
        labels.indices.filter { share[$0][channel] >= 0.5 }.map { labels[$0] }
    }

    /// `composition[c][l]`: the fraction of channel `c`'s mask mass on labelled pixels that lies on label `l`'s pixels
    /// (a pixel's masks sum to 1, so label `l` holds `pixels[l]` of mass in all).
    public var composition: [[Double]] {
        let channels = share.first?.count ?? 0
        return (0..<channels).map { c in
            let mass = labels.indices.map { share[$0][c] * Double(pixels[$0]) }
            let total = mass.reduce(0, +)
            return mass.map { total > 0 ? $0 / total : 0 }
        }
    }

    /// The coverage as a text table (a row per label, a column per channel), each channel's share on the last label (the
    /// table), and the labels each channel holds at least half of.
    public var text: String {
        let channels = share.first?.count ?? 0
        let names = (0..<channels).map { $0 == channels - 1 ? "background" : "slot \($0)" }
        let rows = labels.indices.map { l in
            [labels[l], "\(pixels[l])"] + share[l].map { String(format: "%.1f%%", 100 * $0) }
        }
        let last = labels.count - 1
        let lastShare = [labels[last] + " share", ""] + composition.map { String(format: "%.1f%%", 100 * $0[last]) }
        let holders = names.indices.map { c in
            names[c] + ": " + (majority(of: c).isEmpty ? "-" : majority(of: c).joined(separator: ", "))
        }
        return "Slot masks on held-out frames: each colour's share of its pixels' mask mass, by channel\n"
            + TextTable.format(header: ["pixels of", "count"] + names, rows: rows + [lastShare])
            + "(pixels within \(Int(SlotCoverage.tolerance)) of a colour; the last row: the share of each channel's mass on "
            + labels[last] + " pixels; holding at least half of: " + holders.joined(separator: "; ") + ")\n"
    }
}
