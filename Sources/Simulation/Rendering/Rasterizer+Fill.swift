extension Rasterizer {
    /// Fills `shape` (image coordinates) with `color`, anti-aliased by `Coverage`.
    func fill<Shape: CoverageShape>(_ shape: Shape, color: RGB, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        var painter = RGBPainter(buffer: buffer, size: size, color: color)
        Coverage.scan(shape, columns: 0..<size, rows: 0..<size, into: &painter)
    }
}

/// Paints one colour into a square RGB8 image, blending edge pixels by their coverage.
struct RGBPainter: CoveragePainter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    let size: Int
    let color: RGB

    func fill(row: Int, columns: ClosedRange<Int>) {
        for column in columns { blend(3 * (row * size + column), coverage: 1) }
    }

    func paint(row: Int, column: Int, depth: Double) {
        let coverage = Coverage.fraction(depth: depth)
        if coverage > 0 { blend(3 * (row * size + column), coverage: coverage) }
    }

    /// Blends the colour into the pixel at byte `index` with `coverage` in (0, 1].
    @inline(__always)
    func blend(_ index: Int, coverage: Double) {
        if coverage >= 1 {
            buffer[index] = color.r
            buffer[index + 1] = color.g
            buffer[index + 2] = color.b
        } else {
            let a = Float(coverage)
            @inline(__always) func mix(_ d: UInt8, _ s: UInt8) -> UInt8 {
                UInt8(Float(d) + (Float(s) - Float(d)) * a + 0.5)
            }
            buffer[index] = mix(buffer[index], color.r)
            buffer[index + 1] = mix(buffer[index + 1], color.g)
            buffer[index + 2] = mix(buffer[index + 2], color.b)
        }
    }
}
