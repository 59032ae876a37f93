#if Viewer
import WorldModel

extension StateReadout {
    /// The bodies' poses in a state vector (bodies without a heading face angle 0).
    public func poses(in state: [Float]) -> [BodyPose] {
        bodies.indices.map { b in
            BodyPose(position: SIMD2(Double(state[bodies[b].x]), Double(state[bodies[b].y])), angle: angle(in: state, body: b) ?? 0)
        }
    }
}
#endif
