import Foundation
import Simulation

/// Runs a `GoalPlanner` off the caller's thread: `request` hands it a snapshot of the state and returns at once, the
/// finished plan is picked up with `take`. The synchronous mode plans inside `request` (deterministic, for tests).
///
/// One plan at a time; plans requested before a `reset` are dropped when they finish. The background mode relies on
/// OpenBLAS's one-thread default (`BLASThreads`): its own thread pool must not be entered from two threads at once (the
/// caller's rollouts and the plan's), which deadlocks it.
public final class BackgroundPlanner: @unchecked Sendable {
    /// Where plans are made.
    public enum Mode: Sendable {
        /// On the caller's thread, inside `request`.
        case synchronous
        /// On a serial background queue.
        case background
    }

    public let mode: Mode
    /// The state labels the goal cost reads.
    private let labels: [String]
    /// Touched only by the one running plan (the queue, or the caller in synchronous mode).
    private var planner: GoalPlanner
    private let queue = DispatchQueue(label: "foresight.planner", qos: .userInitiated)
    private let lock = NSLock()
    // Guarded by `lock`:
    private var busy = false
    private var generation = 0
    private var finished: PlannedTrajectory?
    private var newest: PlannedTrajectory?
    private var currentGoal: TaskGoal
    private var goalChange: TaskGoal?
    private var resetPending = false

    /// Plans with `planner` in `mode`.
    public init(_ planner: GoalPlanner, mode: Mode) {
        self.planner = planner
        self.mode = mode
        labels = planner.labels
        currentGoal = planner.goal
    }

    /// Whether a plan is being made.
    public var isBusy: Bool { lock.withLock { busy } }

    /// The newest plan made since the last reset (taken or not), for drawing.
    public var latest: PlannedTrajectory? { lock.withLock { newest } }

    /// The goal the next plans aim at.
    public var goal: TaskGoal { lock.withLock { currentGoal } }

    /// Aims the next plans at `goal` (a plan under way keeps its goal).
    ///
    /// - Throws: `TaskCostError` when the state has no entries for the goal's object.
    public func setGoal(_ goal: TaskGoal) throws {
        _ = try GoalCost(goal: goal, labels: labels)
        lock.withLock {
            currentGoal = goal
            goalChange = goal
        }
    }

    /// Forgets the plans made so far and the warm start (a new episode); a plan under way is dropped when it ends.
    public func reset() {
        lock.withLock {
            generation += 1
            finished = nil
            newest = nil
            resetPending = true
        }
    }

    /// Starts a plan from `state`, the state at control step `step`, unless one is under way (then returns false).
    @discardableResult
    public func request(state: [Float], step: Int) -> Bool {
        let job: (generation: Int, reset: Bool, goal: TaskGoal?)? = lock.withLock {
            guard !busy else { return nil }
            busy = true
            defer { resetPending = false; goalChange = nil }
            return (generation, resetPending, goalChange)
        }
        guard let job else { return false }
        let work: @Sendable () -> Void = { [self] in
            if job.reset { planner.reset() }
            if let goal = job.goal { try? planner.setGoal(goal) }
            let plan = planner.plan(from: state, step: step)
            lock.withLock {
                busy = false
                guard job.generation == generation else { return }
                finished = plan
                newest = plan
            }
        }
        switch mode {
        case .synchronous: work()
        case .background: queue.async(execute: work)
        }
        return true
    }

    /// The plan finished since the last call, if any.
    public func take() -> PlannedTrajectory? {
        lock.withLock {
            defer { finished = nil }
            return finished
        }
    }

    /// Waits until the plan under way (if any) is finished.
    public func waitUntilIdle() {
        queue.sync {}
    }
}
