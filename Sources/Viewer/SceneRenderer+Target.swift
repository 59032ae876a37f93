#if Viewer
extension SceneRenderer {
    /// A target marker: a ring with four ticks, for the teleop target and the mouse's pull point.
    public func drawTarget(_ target: SIMD2<Double>, camera: Camera, into canvas: inout Canvas) {
        let p = camera.toScreen(target), radius = max(6, camera.pixels(0.012))
        canvas.drawCircle(center: p, radius: radius, fill: nil, outline: palette.target, outlineWidth: 2)
        for axis in [SIMD2(1.0, 0), SIMD2(-1.0, 0), SIMD2(0, 1.0), SIMD2(0, -1.0)] {
            canvas.drawLine(from: p + axis * radius * 0.5, to: p + axis * radius * 1.6, width: 2, color: palette.target)
        }
    }
}
#endif
