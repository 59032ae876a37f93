import TensorCore

/// The colours a slot encoder's mask channels stand for: the modes of the frames' colour histogram, the commonest
/// (the table) for the background.
///
/// A body's colour fills whole pixels inside it, byte for byte the same in every frame, while its anti-aliased edge
/// mixes it with the table in ever other proportions; so the pure colours are the most frequent exact colours.
/// Modes are taken by count, each suppressing the colours within `separation` of it (the near-pure edge pixels).
/// k-means of the same colours spends clusters on the edges' mixtures instead (on `push` it put two pairs of bodies
/// together).
public enum ColourPrototypes {
    /// Frames read at most (evenly spaced over the data).
    static let frameLimit = 2048
    /// Colours closer than this to a mode (Euclidean, bytes 0...255 per channel) are not modes of their own.
    static let separation = 32.0
    /// The prototype of a channel with no mode left (fewer distinct colours than channels): a colour no pixel shows, so
    /// the channel's mask is driven to zero.
    static let unused: Float = -3

    /// `count` prototype colours `[count, 3]` (pixel rows' units: each channel in `[-1, 1]`) of the pooled frames of
    /// `data`: the modes in decreasing count, the commonest last (the background's).
    public static func fit(_ data: EpisodeData, count: Int) -> Matrix {
        guard let pixels = data.pixels else { preconditionFailure("ColourPrototypes: the data has no pixels") }
        let frames = data.frameCount, step = max(1, frames / frameLimit), area = data.pixelsPerFrame
        var histogram: [UInt32: Int] = [:]
        for frame in stride(from: 0, to: frames, by: step) {
            for i in 0..<area {
                let p = (frame * area + i) * 3
                histogram[UInt32(pixels[p]) << 16 | UInt32(pixels[p + 1]) << 8 | UInt32(pixels[p + 2]), default: 0] += 1
            }
        }
        let byCount = histogram.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { key, _ in
            [key >> 16, (key >> 8) & 255, key & 255].map(Double.init)
        }
        return prototypes(modes(byCount, count: count), count: count)
    }

    /// Up to `count` modes of `colours` (bytes, most frequent first): each the most frequent colour not within
    /// `separation` of an earlier mode.
    static func modes(_ colours: [[Double]], count: Int) -> [[Double]] {
        var modes: [[Double]] = []
        for colour in colours where modes.count < count {
            if !modes.contains(where: { squaredDistance($0, colour) < separation * separation }) { modes.append(colour) }
        }
        return modes
    }

    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }

    /// The channels' prototypes `[count, 3]` of `modes` (bytes, most frequent first, at most `count`): the first mode
    /// last, the others in order before it, channels without a mode `unused`.
    static func prototypes(_ modes: [[Double]], count: Int) -> Matrix {
        var out = Matrix(rows: count, cols: 3, repeating: unused)
        for (index, mode) in modes.enumerated() {
            let row = index == 0 ? count - 1 : index - 1
            for d in 0..<3 { out[row, d] = Float(mode[d] * (2.0 / 255) - 1) }
        }
        return out
    }
}
