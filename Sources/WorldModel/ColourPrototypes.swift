import TensorCore

/// The colours a slot encoder's mask channels stand for: k-means of the pixel colours of frames (k-means++ seeding,
/// the best of several restarts), one prototype per channel, the most common colour (the table) last, for the background.
///
/// The clustering runs on the frames' distinct colours weighted by their pixel counts, so rare colours (small bodies)
/// count as the pixels they cover, and D² seeding reaches them because they lie far from the table's colour.
public enum ColourPrototypes {
    /// Frames read at most (evenly spaced over the data).
    static let frameLimit = 2048
    /// k-means++ restarts; the clustering with the least distortion is kept.
    static let restarts = 8
    /// Lloyd iterations at most per restart (it stops when no colour changes cluster).
    static let iterations = 100

    /// `count` prototype colours `[count, 3]` (pixel rows' units: each channel in `[-1, 1]`) of the pooled frames of
    /// `data`, the most common cluster last; seeded by `seed`.
    public static func fit(_ data: EpisodeData, count: Int, seed: UInt64) -> Matrix {
        guard let pixels = data.pixels else { preconditionFailure("ColourPrototypes: the data has no pixels") }
        let frames = data.frameCount, step = max(1, frames / frameLimit), area = data.pixelsPerFrame
        var histogram: [UInt32: Double] = [:]
        for frame in stride(from: 0, to: frames, by: step) {
            for i in 0..<area {
                let p = (frame * area + i) * 3
                histogram[UInt32(pixels[p]) << 16 | UInt32(pixels[p + 1]) << 8 | UInt32(pixels[p + 2]), default: 0] += 1
            }
        }
        let keys = histogram.keys.sorted()
        let colours = keys.map { key in
            [key >> 16, (key >> 8) & 255, key & 255].map { Double($0) * (2.0 / 255) - 1 }
        }
        return prototypes(colours: colours, weights: keys.map { histogram[$0]! }, count: count, seed: seed)
    }

    /// k-means of weighted `colours` into `count` clusters: their means `[count, 3]`, the heaviest cluster last.
    static func prototypes(colours: [[Double]], weights: [Double], count: Int, seed: UInt64) -> Matrix {
        precondition(count > 0 && !colours.isEmpty, "ColourPrototypes: \(count) clusters of \(colours.count) colours")
        var best: (distortion: Double, centres: [[Double]], mass: [Double])?
        for restart in 0..<restarts {
            var rng = RandomStream(seed: seed).split(restart)
            var centres = seeds(colours: colours, weights: weights, count: count, rng: &rng)
            var assignment = [Int](repeating: -1, count: colours.count)
            var mass = [Double](repeating: 0, count: count), distortion = 0.0
            for _ in 0..<iterations {
                var changed = false
                distortion = 0
                for (i, colour) in colours.enumerated() {
                    let (nearest, distance) = nearestCentre(colour, centres)
                    distortion += weights[i] * distance
                    if nearest != assignment[i] { (assignment[i], changed) = (nearest, true) }
                }
                var sums = [[Double]](repeating: [0, 0, 0], count: count)
                mass = [Double](repeating: 0, count: count)
                for (i, colour) in colours.enumerated() {
                    mass[assignment[i]] += weights[i]
                    for d in 0..<3 { sums[assignment[i]][d] += weights[i] * colour[d] }
                }
                for c in 0..<count where mass[c] > 0 { centres[c] = sums[c].map { $0 / mass[c] } }
                if !changed { break }
            }
            if best == nil || distortion < best!.distortion { best = (distortion, centres, mass) }
        }
        let order = (0..<count).sorted { (best!.mass[$0], -$0) < (best!.mass[$1], -$1) }
        var out = Matrix(rows: count, cols: 3)
        for (row, c) in order.enumerated() { for d in 0..<3 { out[row, d] = Float(best!.centres[c][d]) } }
        return out
    }

    /// k-means++ seeds: the first colour drawn by weight, each next by weight × squared distance to the nearest seed.
    static func seeds(colours: [[Double]], weights: [Double], count: Int, rng: inout RandomStream) -> [[Double]] {
        var centres = [colours[draw(weights, rng: &rng)]]
        var distances = colours.map { squaredDistance($0, centres[0]) }
        while centres.count < count {
            let scores = zip(weights, distances).map { $0 * $1 }
            // Fewer distinct colours than clusters: the spare centres repeat a colour and stay empty.
            let next = scores.reduce(0, +) > 0 ? colours[draw(scores, rng: &rng)] : centres[0]
            centres.append(next)
            distances = zip(colours, distances).map { min($1, squaredDistance($0, next)) }
        }
        return centres
    }

    /// An index drawn with probability proportional to `scores`.
    static func draw(_ scores: [Double], rng: inout RandomStream) -> Int {
        var target = rng.uniformDouble() * scores.reduce(0, +)
        for (i, score) in scores.enumerated() {
            target -= score
            if target < 0 { return i }
        }
        return scores.lastIndex { $0 > 0 } ?? 0
    }

    /// The index of the centre nearest `colour` and its squared distance.
    static func nearestCentre(_ colour: [Double], _ centres: [[Double]]) -> (Int, Double) {
        var best = (0, Double.infinity)
        for (c, centre) in centres.enumerated() {
            let distance = squaredDistance(colour, centre)
            if distance < best.1 { best = (c, distance) }
        }
        return best
    }

    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        (0..<3).reduce(0) { $0 + (a[$1] - b[$1]) * (a[$1] - b[$1]) }
    }
}
