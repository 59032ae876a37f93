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

    /// The error for an absent required field `key`, at the line of this mapping; a present key that is a likely
    /// misspelling of it (two edits or fewer) is reported as the unknown key it is, at its own line.
    func missing(_ key: String, _ what: String) -> WorldSpecError {
        let prefix = field.path.isEmpty ? "" : "\(field.path)."
        if let typo = entries.first(where: { !used.contains($0.key) && YAMLMapping.isLikelyTypo($0.key, of: key) }) {
            return WorldSpecError(kind: .unknownKey, file: field.file, path: prefix + typo.key, line: typo.line,
                                  problem: "unknown key '\(typo.key)' (did you mean '\(key)', \(what)?)")
        }
        return WorldSpecError(kind: .missingField, file: field.file, path: prefix + key, line: field.line,
                              problem: "missing field (expected \(what))")
    }

    /// Whether `candidate` is at most two single-character edits (insert, delete, replace, swap) from `key`,
    /// and shorter keys by at most one.
    static func isLikelyTypo(_ candidate: String, of key: String) -> Bool {
        let a = Array(candidate), b = Array(key)
        guard a != b, abs(a.count - b.count) <= 2 else { return false }
        var previous = Array(0...b.count), beforePrevious = previous
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], beforePrevious[j - 2] + 1) }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count] <= (b.count <= 4 ? 1 : 2)
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
