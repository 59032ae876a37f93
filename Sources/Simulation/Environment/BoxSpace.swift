/// A box in R^n (Gymnasium's `Box`): elementwise bounds and a shape.
public struct BoxSpace: Sendable, Equatable, Codable {
    /// Lower bounds, one per element.
    public var low: [Float]
    /// Upper bounds, one per element.
    public var high: [Float]
    /// The shape (product = element count).
    public var shape: [Int]

    /// Creates a box; `low` and `high` must have `shape.reduce(1, *)` elements.
    public init(low: [Float], high: [Float], shape: [Int]) {
        precondition(low.count == high.count && low.count == shape.reduce(1, *), "BoxSpace bounds do not match its shape")
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// A flat box with the same bounds for every element.
    public init(count: Int, low: Float, high: Float) {
        self.init(low: Array(repeating: low, count: count), high: Array(repeating: high, count: count), shape: [count])
    }

    /// Whether `x` has the right size and lies inside the box.
    public func contains(_ x: [Float]) -> Bool {
        x.count == low.count && x.indices.allSatisfy { low[$0] <= x[$0] && x[$0] <= high[$0] }
    }
}
