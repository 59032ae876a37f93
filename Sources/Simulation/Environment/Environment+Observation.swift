import Foundation

extension Environment {
    /// The current observation, with the kinds `settings` asks for.
    func observe() -> Observation {
        var state: [Float] = []
        if settings.kinds.contains(.state) {
            state.reserveCapacity(stateLabels.count)
            for (body, scale) in zip(episode.bodies, episode.bodyScales) {
                let p = body.position, a = body.angle, v = body.velocity
                state.append(Float(p.x))
                state.append(Float(p.y))
                state.append(Float(cos(a)))
                state.append(Float(sin(a)))
                state.append(Float(v.x))
                state.append(Float(v.y))
                state.append(Float(body.angularVelocity))
                state.append(Float(scale))
            }
            episode.robot.appendExtraState(to: &state)
        }
        var pixels: [UInt8]?
        if let rasterizer {
            let scene = currentScene()
            pixels = [UInt8](unsafeUninitializedCapacity: rasterizer.byteCount) { buffer, count in
                rasterizer.render(scene, into: buffer)
                count = rasterizer.byteCount
            }
        }
        let lidar = settings.kinds.contains(.lidar) ? episode.lidarRanges : nil
        return Observation(state: state, pixels: pixels, lidar: lidar)
    }

    /// Bounds of each observation kind.
    static func spaces(spec: WorldSpec, settings: ObservationSettings, episode: Episode) -> [ObservationKind: BoxSpace] {
        var spaces: [ObservationKind: BoxSpace] = [:]
        if settings.kinds.contains(.state) {
            var low: [Float] = [], high: [Float] = []
            let half = spec.table.size / 2
            let spin = spec.physics.maxAngularSpeed
            let sizes = spec.randomization.size
            let smallest = Float(min(sizes.lowerBound, 1)), largest = Float(max(sizes.upperBound, 1))
            for body in episode.bodies {
                let speed = spec.physics.maxSpeed + spin * body.extent
                low += [Float(-half.x), Float(-half.y), -1, -1, Float(-speed), Float(-speed), Float(-spin), smallest]
                high += [Float(half.x), Float(half.y), 1, 1, Float(speed), Float(speed), Float(spin), largest]
            }
            if case let .arm(arm) = spec.robot {
                low += arm.links.map { Float($0.limits.lowerBound) }
                high += arm.links.map { Float($0.limits.upperBound) }
                low += arm.links.map { _ in Float(-2 * spin) }
                high += arm.links.map { _ in Float(2 * spin) }
            }
            spaces[.state] = BoxSpace(low: low, high: high, shape: [low.count])
        }
        if settings.kinds.contains(.pixels) {
            let n = settings.pixelSize
            spaces[.pixels] = BoxSpace(low: Array(repeating: 0, count: n * n * 3),
                                       high: Array(repeating: 255, count: n * n * 3), shape: [n, n, 3])
        }
        if settings.kinds.contains(.lidar), let lidar = spec.observation.lidar {
            spaces[.lidar] = BoxSpace(count: lidar.rays, low: 0, high: Float(lidar.range))
        }
        return spaces
    }
}
