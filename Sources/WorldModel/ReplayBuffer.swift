import TensorCore

/// One step of a world: the state, the action applied and the state it led to.
public struct Transition: Sendable, Equatable {
    public var state: [Float]
    public var action: [Float]
    public var next: [Float]

    public init(state: [Float], action: [Float], next: [Float]) {
        self.state = state
        self.action = action
        self.next = next
    }
}

/// A bounded store of transitions for online learning: once full, each new transition overwrites the oldest.
///
/// Transitions live in three flat buffers sized once (`capacity` rows each); slot `i` of the ring holds
/// the `i`-th transition modulo `capacity`, so before the first overwrite slots are in arrival order.
public struct ReplayBuffer: Sendable {
    /// The most transitions held.
    public let capacity: Int
    public let stateSize: Int
    public let actionSize: Int
    /// Transitions held (at most `capacity`).
    public private(set) var count = 0
    /// Transitions ever appended (the overwritten ones included).
    public private(set) var appended = 0
    private var states: [Float], actions: [Float], nexts: [Float]

    /// An empty buffer for `capacity` transitions of `stateSize`-wide states and `actionSize`-wide actions.
    public init(capacity: Int, stateSize: Int, actionSize: Int) {
        precondition(capacity > 0 && stateSize > 0 && actionSize > 0, "ReplayBuffer: sizes must be positive")
        self.capacity = capacity
        self.stateSize = stateSize
        self.actionSize = actionSize
        states = [Float](repeating: 0, count: capacity * stateSize)
        nexts = states
        actions = [Float](repeating: 0, count: capacity * actionSize)
    }

    /// Stores `transition` in the next slot (the oldest one's, once full).
    public mutating func append(_ transition: Transition) {
        precondition(transition.state.count == stateSize && transition.next.count == stateSize && transition.action.count == actionSize,
                     "ReplayBuffer: transition of \(transition.state.count)/\(transition.action.count)/\(transition.next.count) "
                        + "entries, expected \(stateSize)/\(actionSize)/\(stateSize)")
        let slot = appended % capacity
        states.replaceSubrange(slot * stateSize..<(slot + 1) * stateSize, with: transition.state)
        nexts.replaceSubrange(slot * stateSize..<(slot + 1) * stateSize, with: transition.next)
        actions.replaceSubrange(slot * actionSize..<(slot + 1) * actionSize, with: transition.action)
        appended += 1
        count = min(count + 1, capacity)
    }

    /// The transitions in `slots` as row blocks: states `[n, S]`, actions `[n, A]`, next states `[n, S]`.
    public func gather(_ slots: [Int]) -> (states: Matrix, actions: Matrix, next: Matrix) {
        var x = Matrix(rows: slots.count, cols: stateSize), a = Matrix(rows: slots.count, cols: actionSize)
        var y = Matrix(rows: slots.count, cols: stateSize)
        for (row, slot) in slots.enumerated() {
            precondition(slot >= 0 && slot < count, "ReplayBuffer: slot \(slot) of \(count)")
            for c in 0..<stateSize {
                x[row, c] = states[slot * stateSize + c]
                y[row, c] = nexts[slot * stateSize + c]
            }
            for c in 0..<actionSize { a[row, c] = actions[slot * actionSize + c] }
        }
        return (x, a, y)
    }

    /// Every transition held, slot by slot.
    public var all: (states: Matrix, actions: Matrix, next: Matrix) { gather(Array(0..<count)) }
}
