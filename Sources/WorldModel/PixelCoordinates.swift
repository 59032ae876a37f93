/// The centres of an image's pixels in `[-1, 1]` coordinates, x to the right and y up, in row-major order.
struct PixelCoordinates {
    /// Each pixel's x.
    let xs: [Float]
    /// Each pixel's y.
    let ys: [Float]

    /// The pixel centres of a `height` × `width` image.
    init(height: Int, width: Int) {
        var xs = [Float](repeating: 0, count: height * width), ys = xs
        for r in 0..<height {
            for c in 0..<width {
                xs[r * width + c] = (Float(c) + 0.5) / Float(width) * 2 - 1
                ys[r * width + c] = 1 - (Float(r) + 0.5) / Float(height) * 2
            }
        }
        self.xs = xs
        self.ys = ys
    }
}
