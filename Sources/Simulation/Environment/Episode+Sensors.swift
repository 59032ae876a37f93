import CChipmunk
import Foundation

extension Episode {
    /// Coverage of the goal outline by the goal object (overlap area / object area), if there is a goal.
    func goalCoverage() -> Double? {
        guard let goal else { return nil }
        let body = objects[goal.object]
        let pose = Pose(position: body.position, angle: body.angle)
        var overlap = 0.0
        for polygon in goal.polygons {
            let placed = polygon.transformed(by: pose)
            for target in goal.target { overlap += placed.intersectionArea(with: target) }
        }
        return min(1, overlap / goal.area)
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
