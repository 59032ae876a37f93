extension Environment {
    /// Everything needed to draw the current frame (walls, robot, objects, goal, lidar rays, contacts).
    public func scene() -> Scene {
        currentScene()
    }

    func currentScene() -> Scene {
        var bodies = episode.world.staticScene
        bodies.reserveCapacity(bodies.count + episode.bodies.count)
        for body in episode.bodies {
            bodies.append(SceneBody(name: body.name, role: body.role, position: body.position, angle: body.angle,
                                    shapes: body.shapes, color: body.color))
        }
        return Scene(tableSize: spec.table.size, tableColor: spec.table.color, bodies: bodies, goal: episode.sceneGoal,
                     lidarRays: episode.lidarRays, contacts: episode.world.contacts.points)
    }
}
