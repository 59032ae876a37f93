/// Where each named tensor of a model lives inside its flat parameter buffer.
///
/// Every model keeps all of its parameters in one `[Float]` (one optimizer step, one
/// checkpoint write); the layout names the slices so checkpoints can store them as
/// separate tensors (`layers.0.weight` [out, in], `layers.0.bias` [out], ...).
public struct ParameterLayout: Equatable, Sendable {
    /// One named slice of the flat buffer.
    public struct Entry: Equatable, Sendable {
        /// The tensor name, e.g. `layers.1.weight`.
        public let name: String
        /// The tensor shape, outermost first.
        public let shape: [Int]
        /// The first element in the flat buffer.
        public let offset: Int
        /// The elements covered, `offset ..< offset + shape.product`.
        public var range: Range<Int> { offset..<(offset + shape.reduce(1, *)) }
    }

    /// The slices, in buffer order, tiling `0 ..< count`.
    public private(set) var entries: [Entry] = []
    /// The total number of parameters.
    public private(set) var count = 0

    /// An empty layout.
    public init() {}

    /// Appends a slice called `name` of `shape` at the end and returns its offset.
    @discardableResult
    public mutating func append(_ name: String, shape: [Int]) -> Int {
        let offset = count
        entries.append(Entry(name: name, shape: shape, offset: offset))
        count += shape.reduce(1, *)
        return offset
    }
}
