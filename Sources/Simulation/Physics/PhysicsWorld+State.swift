import CChipmunk
import CChipmunkState

/// Everything a physics world hands from one step to the next that a freshly built world can take.
///
/// Bodies, shapes and constraints are named by creation order, so the state fits any world built by
/// the same code from the same spec and seed. Not captured (no rebuilt world can take it): the spatial
/// index's tree, whose traversal sets the order in which colliding pairs are found and solved.
struct PhysicsState: Sendable {
    /// Raw state of every body the world owns (dynamic and kinematic), in creation order.
    var bodies: [ChipmunkBodyState]
    /// Accumulated impulses (and motor rates) of every constraint, in creation order.
    var constraints: [ChipmunkConstraintState]
    /// The space's step stamp and last time step.
    var space: ChipmunkSpaceState
    /// The contact cache (warm-start impulses of touching pairs), sorted by shape indices.
    var arbiters: [CachedArbiter]
    /// Whether the robot touched an object during the last control step.
    var touched: Bool
    /// Robot–object contact points of the last physics step.
    var contactPoints: [SIMD2<Double>]
}

/// A pair of shapes in Chipmunk's contact cache, shapes named by their index in creation order.
struct CachedArbiter: Sendable {
    var shapeA: Int
    var shapeB: Int
    var stamp: UInt32
    var state: Int32
    var contacts: [ChipmunkContactState]
}

extension PhysicsWorld {
    /// The world's current state.
    func captureState() -> PhysicsState {
        PhysicsState(
            bodies: ownedBodies.map { chipmunk_body_state($0) },
            constraints: ownedConstraints.map { constraint in
                var state = ChipmunkConstraintState()
                let known = chipmunk_constraint_state(constraint, &state)
                precondition(known, "a snapshot cannot capture this kind of Chipmunk constraint")
                return state
            },
            space: chipmunk_space_state(space), arbiters: cachedArbiters(),
            touched: contacts.touched, contactPoints: contacts.points)
    }

    /// Moves the world to `state`, captured from a world built the same way that has not stepped yet.
    func restore(_ state: PhysicsState) {
        precondition(state.bodies.count == ownedBodies.count && state.constraints.count == ownedConstraints.count,
                     "the physics state was captured from a world built differently")
        for (body, bodyState) in zip(ownedBodies, state.bodies) {
            chipmunk_set_body_state(body, bodyState)
            cpSpaceReindexShapesForBody(space, body)
        }
        for (constraint, constraintState) in zip(ownedConstraints, state.constraints) {
            _ = chipmunk_set_constraint_state(constraint, constraintState)
        }
        chipmunk_set_space_state(space, state.space)
        for arbiter in state.arbiters { cache(arbiter) }
        contacts.restore(touched: state.touched, points: state.contactPoints)
    }

    private func cachedArbiters() -> [CachedArbiter] {
        var raw = [ChipmunkArbiterState](repeating: ChipmunkArbiterState(), count: Int(chipmunk_space_arbiter_count(space)))
        raw.withUnsafeMutableBufferPointer { chipmunk_space_arbiters(space, $0.baseAddress) }
        let index = Dictionary(uniqueKeysWithValues: ownedShapes.enumerated().map { ($1, $0) })
        return raw.map { arbiter in
            let contacts = [arbiter.contacts.0, arbiter.contacts.1]
            return CachedArbiter(shapeA: index[arbiter.a!]!, shapeB: index[arbiter.b!]!,
                                 stamp: arbiter.stamp, state: arbiter.state,
                                 contacts: Array(contacts.prefix(Int(arbiter.contactCount))))
        }.sorted { ($0.shapeA, $0.shapeB) < ($1.shapeA, $1.shapeB) }
    }

    private func cache(_ arbiter: CachedArbiter) {
        var raw = ChipmunkArbiterState()
        raw.a = ownedShapes[arbiter.shapeA]
        raw.b = ownedShapes[arbiter.shapeB]
        raw.stamp = arbiter.stamp
        raw.state = arbiter.state
        raw.contactCount = Int32(arbiter.contacts.count)
        let empty = ChipmunkContactState()
        raw.contacts = (arbiter.contacts.first ?? empty, arbiter.contacts.count > 1 ? arbiter.contacts[1] : empty)
        chipmunk_space_cache_arbiter(space, raw)
    }
}
