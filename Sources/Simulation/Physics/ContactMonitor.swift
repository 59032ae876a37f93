import CChipmunk

/// Records robot–object contacts reported by Chipmunk's collision handler.
///
/// `touched` stays set from `beginControlStep()` to the end of the control step once any
/// robot shape touched an object shape; `points` holds the contact points of the last physics step.
final class ContactMonitor {
    private(set) var touched = false
    private(set) var points: [SIMD2<Double>] = []
    private let capacity = 64

    init() {
        points.reserveCapacity(capacity)
    }

    /// Installs the robot–object handler in `space`; the monitor must outlive the space.
    func install(in space: OpaquePointer) {
        let handler = cpSpaceAddCollisionHandler(space, CollisionFilters.robotType, CollisionFilters.objectType)!
        handler.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        handler.pointee.postSolveFunc = { arbiter, _, data in
            guard let arbiter, let data else { return }
            Unmanaged<ContactMonitor>.fromOpaque(data).takeUnretainedValue().record(arbiter)
        }
    }

    /// Clears the flag at the start of a control step.
    func beginControlStep() {
        touched = false
    }

    /// Clears the points before a physics step.
    func beginPhysicsStep() {
        points.removeAll(keepingCapacity: true)
    }

    /// Puts back the flag and points a snapshot captured.
    func restore(touched: Bool, points: [SIMD2<Double>]) {
        self.touched = touched
        self.points.removeAll(keepingCapacity: true)
        self.points.append(contentsOf: points.prefix(capacity))
    }

    private func record(_ arbiter: OpaquePointer) {
        touched = true
        let count = Int(cpArbiterGetCount(arbiter))
        for i in 0..<count where points.count < capacity {
            points.append(SIMD2(cpArbiterGetPointA(arbiter, Int32(i))))
        }
    }
}
