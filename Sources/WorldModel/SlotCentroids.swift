import TensorCore

/// Where a slot encoder's masks put the bodies: for each body, the centroid of the mask of the slot that holds most of
/// its pixels (`SlotCoverage`), read as a position by an affine fit to the true positions on the same frames.
///
/// The fit's mean error bounds what a probe on the slot latents can reach from the masks alone: the latents are
/// computed from these moments (and the other ones), so a latent probe far above it loses what the masks hold.
public enum SlotCentroids {
    /// The mean distance (m) between each body's true positions on `frames` of `data` and the affine fit of the
    /// centroid of `owners[body]`'s mask (a slot index per body) in the frames' `masks` (`SlotEncoder.masks`, frames of
    /// `side × side` pixels in order).
    public static func errors(masks: Matrix, side: Int, data: EpisodeData, frames: [Int], owners: [Int]) throws -> [Double] {
        let grid = PixelCoordinates(height: side, width: side), area = grid.xs.count
        let positions = data.positions.gatherRows(frames)
        return try owners.enumerated().map { body, slot in
            var centroids = Matrix(rows: frames.count, cols: 2)
            for row in 0..<frames.count {
                var sum = 0.0, sx = 0.0, sy = 0.0
                for i in 0..<area {
                    let m = Double(masks[(row * area + i), slot])
                    sum += m
                    sx += m * Double(grid.xs[i])
                    sy += m * Double(grid.ys[i])
                }
                centroids[row, 0] = Float(sx / max(sum, 1e-9))
                centroids[row, 1] = Float(sy / max(sum, 1e-9))
            }
            let target = positions.columns((2 * body)..<(2 * body + 2))
            let fit = try LinearProbe(features: centroids, targets: target, ridge: 1e-9)
            return PositionProbe.meanDistance(fit.predict(centroids), target)
        }
    }
}
