import Yams

/// A YAML node at a field path of a world file, with typed, error-reporting accessors.
///
/// Every accessor throws a `WorldSpecError` naming the file, the path and the node's line.
/// Reading a mapping goes through `YAMLMapping`, which rejects keys nobody asked for.
struct YAMLField {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark?.line }

    func error(_ kind: WorldSpecError.Kind, _ problem: String) -> WorldSpecError {
        WorldSpecError(kind: kind, file: file, path: path, line: line, problem: problem)
    }

    /// The node as a mapping whose keys must all be consumed.
    func mapping() throws -> YAMLMapping {
        guard let mapping = node.mapping else { throw error(.wrongType, "expected a mapping (key: value lines)") }
        return try YAMLMapping(mapping, field: self)
    }

    /// The node's items.
    func sequence() throws -> [YAMLField] {
        guard let sequence = node.sequence else { throw error(.wrongType, "expected a list") }
        return sequence.enumerated().map { YAMLField(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The field at `keys` below this mapping (for a cross-field error pointing at the value that causes it),
    /// or this field when a key is absent.
    func descendant(_ keys: String...) -> YAMLField {
        var field = self
        for key in keys {
            guard let value = field.node.mapping?.first(where: { $0.key.scalar?.string == key })?.value else { return field }
            field = YAMLField(node: value, path: field.path.isEmpty ? key : "\(field.path).\(key)", file: file)
        }
        return field
    }

    func string() throws -> String {
        guard let scalar = node.scalar, node.mapping == nil else { throw error(.wrongType, "expected text") }
        return scalar.string
    }

    /// Text usable as a body name (`BodyName`): non-empty, no control characters.
    func bodyName() throws -> String {
        let name = try string()
        guard BodyName.isValid(name) else {
            throw error(.invalidValue, "expected a non-empty body name without control characters, got \(BodyName.quoted(name))")
        }
        return name
    }

    func bool() throws -> Bool {
        guard let value = node.bool else { throw error(.wrongType, "expected true or false") }
        return value
    }

    func int() throws -> Int {
        guard let value = node.int else { throw error(.wrongType, "expected an integer") }
        return value
    }

    func double() throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init) else {
            throw error(.wrongType, "expected a number")
        }
        guard value.isFinite else { throw error(.invalidValue, "expected a finite number") }
        return value
    }

    /// A number `> 0`, with `what` (e.g. "mass in kg") in the error.
    func positive(_ what: String) throws -> Double {
        let value = try double()
        guard value > 0 else { throw error(.invalidValue, "expected a positive \(what), got \(value)") }
        return value
    }

    /// A number `>= 0`.
    func nonNegative(_ what: String) throws -> Double {
        let value = try double()
        guard value >= 0 else { throw error(.invalidValue, "expected a non-negative \(what), got \(value)") }
        return value
    }

    /// A number in `range`.
    func double(in range: ClosedRange<Double>, _ what: String) throws -> Double {
        let value = try double()
        guard range.contains(value) else {
            throw error(.invalidValue, "expected \(what) in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
        return value
    }

    /// An integer in `range`.
    func int(in range: ClosedRange<Int>, _ what: String) throws -> Int {
        let value = try int()
        guard range.contains(value) else {
            throw error(.invalidValue, "expected \(what) in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
        return value
    }

    /// A list of exactly `count` numbers.
    func doubles(count: Int) throws -> [Double] {
        let items = try sequence()
        guard items.count == count else { throw error(.wrongType, "expected a list of \(count) numbers") }
        return try items.map { try $0.double() }
    }

    /// `[x, y]`.
    func vector() throws -> SIMD2<Double> {
        let v = try doubles(count: 2)
        return SIMD2(v[0], v[1])
    }

    /// `[low, high]` with `low <= high`.
    func range() throws -> ClosedRange<Double> {
        let v = try doubles(count: 2)
        guard v[0] <= v[1] else { throw error(.invalidValue, "expected [low, high] with low <= high, got \(v)") }
        return v[0]...v[1]
    }

    /// A positive `[low, high]` scale-factor range.
    func scaleRange() throws -> ClosedRange<Double> {
        let r = try range()
        guard r.lowerBound > 0 else { throw error(.invalidValue, "expected positive scale factors, got \(r)") }
        return r
    }

    /// `[r, g, b]` with 0...255 channels.
    func color() throws -> RGB {
        let items = try sequence()
        guard items.count == 3 else { throw error(.wrongType, "expected a colour [r, g, b] with 0...255 channels") }
        let c = try items.map { UInt8(try $0.int(in: 0...255, "a colour channel")) }
        return RGB(c[0], c[1], c[2])
    }
}
