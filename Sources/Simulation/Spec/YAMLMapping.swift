import Yams

/// A YAML mapping being read: hands out fields by key and rejects the keys nobody asked for.
final class YAMLMapping {
    let field: YAMLField
    private var entries: [(key: String, value: Node, line: Int?)] = []
    private var used: Set<String> = []
    private var asked: [String] = []

    init(_ mapping: Node.Mapping, field: YAMLField) throws {
        self.field = field
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw field.error(.wrongType, "expected text keys")
            }
            entries.append((name, value, key.mark?.line))
        }
    }

    /// The keys present, in file order.
    var keys: [String] { entries.map(\.key) }

    private func child(_ key: String) -> YAMLField? {
        if !asked.contains(key) { asked.append(key) }
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        used.insert(key)
        let path = field.path.isEmpty ? key : "\(field.path).\(key)"
        return YAMLField(node: entry.value, path: path, file: field.file)
    }

    /// The field `key`, or a `missingField` error naming what it should hold.
    func required(_ key: String, _ what: String) throws -> YAMLField {
        guard let value = child(key) else { throw missing(key, what) }
        return value
    }

    /// The error for an absent required field `key`, at the line of this mapping.
    func missing(_ key: String, _ what: String) -> WorldSpecError {
        let path = field.path.isEmpty ? key : "\(field.path).\(key)"
        return WorldSpecError(kind: .missingField, file: field.file, path: path, line: field.line,
                              problem: "missing field (expected \(what))")
    }

    /// The field `key` if present.
    func optional(_ key: String) -> YAMLField? {
        child(key)
    }

    /// Throws `unknownKey` for the first key that was not read, listing the keys that were asked for.
    func finish() throws {
        for entry in entries where !used.contains(entry.key) {
            let path = field.path.isEmpty ? entry.key : "\(field.path).\(entry.key)"
            throw WorldSpecError(kind: .unknownKey, file: field.file, path: path, line: entry.line,
                                 problem: "unknown key '\(entry.key)' (expected one of: \(asked.joined(separator: ", ")))")
        }
    }
}
