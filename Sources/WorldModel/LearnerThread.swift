import Foundation
import Synchronization
import TensorCore

/// What a `LearnerThread` has done so far, for a HUD.
public struct LearningProgress: Sendable {
    /// How many loss values `losses` keeps.
    public static let lossCapacity = 150
    /// Transitions the learner has taken in.
    public var transitions = 0
    /// Transitions needed before learning starts (0 when it started from a run).
    public var warmUp = 0
    /// Update batches taken.
    public var updates = 0
    /// Recent mean losses (standardised output MSE), oldest first, one per round of updates.
    public var losses: [Double] = []
    /// Transitions the queue overwrote because the learner fell behind.
    public var dropped = 0
    /// The outcome of the last save or the error that stopped learning, if any.
    public var message: String?

    /// Nothing done yet.
    public init() {}
}

/// An `OnlineLearner` on its own thread: takes transitions from a `TransitionQueue`, trains, publishes snapshots.
///
/// The producer only pushes into the queue (never waits), readers only read `published` and `progress`.
/// Each transition taken in allows `updatesPerTransition` update batches, so the learner idles when the world
/// stands still instead of overfitting what it has; snapshots are published after every round of updates.
public final class LearnerThread: Sendable {
    /// Where the producer pushes transitions.
    public let queue: TransitionQueue
    /// The latest weights.
    public let published: PublishedModel
    /// Update batches allowed per transition taken in.
    public let updatesPerTransition: Int
    private let shared: Mutex<Shared>
    private let finished = DispatchSemaphore(value: 0)

    private struct Shared {
        var progress: LearningProgress
        var pendingSave: URL?
        var stopping = false
    }

    /// Update batches per round between snapshots.
    static let updatesPerRound = 4

    /// Starts learning with `learner` on a new thread, drawing batches from `seed`, publishing on `board` (a fresh
    /// one by default; a `CuriousPolicy` may read the same).
    public init(learner: OnlineLearner, seed: UInt64, board: PublishedModel = PublishedModel(), queueCapacity: Int = 4096,
                updatesPerTransition: Int = 8) {
        queue = TransitionQueue(capacity: queueCapacity)
        published = board
        if let model = learner.model { board.publish(model) }
        self.updatesPerTransition = updatesPerTransition
        var progress = LearningProgress()
        progress.warmUp = learner.isLearning ? 0 : learner.settings.warmUp
        shared = Mutex(Shared(progress: progress))
        let thread = Thread { [self] in
            self.run(learner, rng: RandomStream(seed: seed))
            self.finished.signal()
        }
        thread.name = "foresight.online-learner"
        thread.start()
    }

    /// The progress so far.
    public var progress: LearningProgress { shared.withLock { $0.progress } }

    /// Asks the learner thread to save the model as a run folder at `folder` (the outcome lands in `progress.message`).
    public func requestSave(to folder: URL) {
        shared.withLock { $0.pendingSave = folder }
    }

    /// Stops the thread after its current round, taking in what is still queued, and waits for it (a pending save is carried out first).
    public func stop() {
        let wasRunning = shared.withLock { shared in
            defer { shared.stopping = true }
            return !shared.stopping
        }
        if wasRunning { finished.wait() }
    }

    private func run(_ initial: OnlineLearner, rng stream: RandomStream) {
        var learner = initial, rng = stream
        var budget = 0
        while true {
            let arrived = queue.drain()
            for transition in arrived { learner.observe(transition) }
            let wasPublished = published.current.version > 0
            if learner.isLearning && !wasPublished { published.publish(learner.model!) }
            budget = min(budget + arrived.count * updatesPerTransition, 1000 * updatesPerTransition)
            let (save, stopping) = shared.withLock { shared in
                defer { shared.pendingSave = nil }
                return (shared.pendingSave, shared.stopping)
            }
            if let save { report(saving(learner, to: save)) }
            if stopping {
                // What arrived since the drain above still counts (the producer stopped before asking to stop).
                for transition in queue.drain() { learner.observe(transition) }
                update(learner, loss: nil)
                return
            }
            guard learner.isLearning, budget > 0 else {
                update(learner, loss: nil)
                Thread.sleep(forTimeInterval: 0.002)
                continue
            }
            let steps = min(budget, Self.updatesPerRound)
            budget -= steps
            do {
                let loss = try learner.train(steps: steps, rng: &rng)
                published.publish(learner.model!)
                update(learner, loss: loss)
            } catch {
                report("learning stopped: \(error)")
                budget = 0
                while !shared.withLock({ $0.stopping }) { Thread.sleep(forTimeInterval: 0.01) }
                return
            }
        }
    }

    private func saving(_ learner: OnlineLearner, to folder: URL) -> String {
        do {
            try learner.save(to: folder)
            return "saved \(folder.path) (\(learner.updates) updates)"
        } catch {
            return "not saved: \(error)"
        }
    }

    private func report(_ message: String) {
        shared.withLock { $0.progress.message = message }
    }

    private func update(_ learner: OnlineLearner, loss: Double?) {
        let dropped = queue.dropped
        shared.withLock { shared in
            shared.progress.transitions = learner.buffer.appended
            shared.progress.updates = learner.updates
            shared.progress.dropped = dropped
            guard let loss else { return }
            shared.progress.losses.append(loss)
            if shared.progress.losses.count > LearningProgress.lossCapacity { shared.progress.losses.removeFirst() }
        }
    }
}
