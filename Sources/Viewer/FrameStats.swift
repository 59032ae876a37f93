#if Viewer
import Foundation

/// Frame-time measurements: a rolling window for the info panel and totals for the run's summary.
public struct FrameStats: Sendable {
    /// Milliseconds spent drawing the canvas, per frame, over the last `window` frames.
    private var recentDraw: [Double] = []
    private var recentFrame: [Double] = []
    private let window = 60
    public private(set) var frames = 0
    public private(set) var totalDrawMilliseconds = 0.0
    public private(set) var totalFrameMilliseconds = 0.0
    public private(set) var worstDrawMilliseconds = 0.0

    public init() {}

    /// Adds one frame: drawing time and the whole frame's work (events, physics, drawing, presenting), in ms.
    public mutating func add(drawMilliseconds: Double, frameMilliseconds: Double) {
        frames += 1
        totalDrawMilliseconds += drawMilliseconds
        totalFrameMilliseconds += frameMilliseconds
        worstDrawMilliseconds = max(worstDrawMilliseconds, drawMilliseconds)
        recentDraw.append(drawMilliseconds)
        recentFrame.append(frameMilliseconds)
        if recentDraw.count > window {
            recentDraw.removeFirst()
            recentFrame.removeFirst()
        }
    }

    /// Mean drawing time over the last frames (ms).
    public var recentDrawMilliseconds: Double { recentDraw.isEmpty ? 0 : recentDraw.reduce(0, +) / Double(recentDraw.count) }
    /// Mean frame work over the last frames (ms).
    public var recentFrameMilliseconds: Double { recentFrame.isEmpty ? 0 : recentFrame.reduce(0, +) / Double(recentFrame.count) }
    public var meanDrawMilliseconds: Double { frames == 0 ? 0 : totalDrawMilliseconds / Double(frames) }
    public var meanFrameMilliseconds: Double { frames == 0 ? 0 : totalFrameMilliseconds / Double(frames) }

    /// Milliseconds since an earlier `DispatchTime`.
    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }
}
#endif
