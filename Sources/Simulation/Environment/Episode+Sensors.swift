import CChipmunk
import Foundation

extension Episode {
    /// Coverage of the goal outline by the goal object (overlap area / object area), if there is a goal.
    func goalCoverage() -> Double? {
        guard let index = goalObject else { return nil }
        let body = objects[index]
        return goalMeter?.coverage(at: Pose(position: body.position, angle: body.angle), scale: objectScales[index])
    }

    /// Casts the lidar's rays from the robot's centre with segment queries.
    func scanLidar() {
        guard let lidar = spec.observation.lidar else { return }
        let origin = robot.toolPosition
        let heading = robot.bodies[0].angle
        var info = cpSegmentQueryInfo()
        for k in 0..<lidar.rays {
            let angle = heading + lidar.fieldOfView * ((Double(k) + 0.5) / Double(lidar.rays) - 0.5)
            let end = origin + lidar.range * SIMD2(cos(angle), sin(angle))
            let hit = cpSpaceSegmentQueryFirst(world.space, origin.cp, end.cp, 0, CollisionFilters.sensor, &info) != nil
            let fraction = hit ? info.alpha : 1
            lidarRanges[k] = Float(fraction * lidar.range)
            lidarRays[k] = LidarRay(origin: origin, end: origin + fraction * (end - origin), hit: hit)
        }
    }
}
