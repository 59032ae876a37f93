import Synchronization

/// The hand-off of transitions from a producer that must never wait (the viewer's frame loop) to a learner thread.
///
/// Bounded: when the learner falls behind and the queue is full, a push overwrites the oldest waiting
/// transition and counts it as dropped. The lock is held only to copy one transition in or to swap the
/// waiting ones out, so neither side waits on the other's work.
public final class TransitionQueue: Sendable {
    /// The most transitions waiting at once.
    public let capacity: Int
    private let ring: Mutex<Ring>

    private struct Ring {
        var slots: [Transition]
        var start = 0
        var dropped = 0
    }

    /// An empty queue holding at most `capacity` transitions.
    public init(capacity: Int) {
        precondition(capacity > 0, "TransitionQueue: capacity must be positive")
        self.capacity = capacity
        ring = Mutex(Ring(slots: []))
    }

    /// Adds `transition`; when full, overwrites the oldest waiting one instead. Never blocks on the consumer.
    public func push(_ transition: Transition) {
        ring.withLock { ring in
            if ring.slots.count < capacity {
                ring.slots.append(transition)
            } else {
                ring.slots[ring.start] = transition
                ring.start = (ring.start + 1) % capacity
                ring.dropped += 1
            }
        }
    }

    /// Takes every waiting transition, oldest first.
    public func drain() -> [Transition] {
        let (slots, start) = ring.withLock { ring in
            defer {
                ring.slots = []
                ring.start = 0
            }
            return (ring.slots, ring.start)
        }
        return Array(slots[start...] + slots[..<start])
    }

    /// Transitions overwritten before the consumer took them.
    public var dropped: Int { ring.withLock { $0.dropped } }
}
