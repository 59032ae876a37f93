/// The body of a robot that drives on the table (pusher disc, differential-drive chassis).
extension PhysicsWorld {
    /// Creates, inserts and returns a robot body that collides with objects and walls, not with other robot parts.
    func addMobileRobot(name: String, shapes: [ShapeSpec], mass: Double, friction: Double, color: RGB,
                        at pose: Pose) -> PhysicsBody {
        let recipe = BodyRecipe(name: name, role: .robot, shapes: shapes, mass: mass,
                                material: ShapeMaterial(friction: friction, elasticity: 0,
                                                        type: CollisionFilters.robotType,
                                                        filter: CollisionFilters.mobileRobot),
                                color: color)
        let made = makeBody(recipe, at: pose)
        insert(made.body, shapes: made.shapes)
        return made.body
    }
}
