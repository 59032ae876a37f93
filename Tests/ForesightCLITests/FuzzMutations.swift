import Foundation
import TensorCore

/// Seeded ways to damage a file: raw bytes, one field of a JSON document, one line of a YAML file.
struct FuzzMutations {
    var rng: RandomStream

    /// Values a JSON field is replaced with: wrong signs, fractions, huge numbers, other types.
    static var jsonValues: [Any] {
        [-1, 0, 1, 2.5, 1e30, -1e30, 1e300, 4_294_967_296, Int64.max, "x", "", NSNull(), [Any](), [String: Any](), true, [1, 2, 3]]
    }
    /// Values a YAML scalar is replaced with.
    static let yamlValues = ["-1", "0", "1e30", "-1e30", ".nan", ".inf", "x", "[]", "{a: 1}", "", "1e-300", "[1e30, 1e30]",
                             "[0, 0]", "\"\\t\"", "*alias", "9999999999999999999999"]

    /// Flips, truncates, inserts or zeroes bytes of `data`.
    mutating func bytes(_ data: Data) -> Data {
        var data = data
        guard !data.isEmpty else { return Data([0xff]) }
        switch rng.int(below: 4) {
        case 0:
            for _ in 0...rng.int(below: 4) { data[rng.int(below: data.count)] ^= UInt8(1 << rng.int(below: 8)) }
        case 1:
            data = data.prefix(rng.int(below: data.count))
        case 2:
            data.insert(contentsOf: (0..<(1 + rng.int(below: 16))).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                        at: rng.int(below: data.count))
        default:
            let start = rng.int(below: data.count)
            data.replaceSubrange(start..<min(data.count, start + 1 + rng.int(below: 64)), with: Data(count: min(data.count - start, 1 + rng.int(below: 64))))
        }
        return data
    }

    /// Replaces one field (at any depth) of the JSON document `data` with an odd value, or removes it; nil when
    /// `data` is not a JSON object.
    mutating func jsonField(_ data: Data) -> Data? {
        guard let root = try? JSONSerialization.jsonObject(with: data), root is [String: Any] else { return nil }
        var paths: [[Any]] = []
        collectPaths(root, path: [], into: &paths)
        let path = paths[rng.int(below: paths.count)]
        let replacement: Any? = rng.int(below: 5) == 0 ? nil : Self.jsonValues[rng.int(below: Self.jsonValues.count)]
        return try? JSONSerialization.data(withJSONObject: replacing(path[...], in: root, with: replacement))
    }

    /// Replaces the value of one `key: value` line of `text`, or deletes or repeats a line.
    mutating func yamlLine(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let candidates = lines.indices.filter { lines[$0].contains(":") && !lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        let index = candidates[rng.int(below: candidates.count)]
        switch rng.int(below: 6) {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: index)
        default:
            let line = lines[index]
            let colon = line.firstIndex(of: ":")!
            lines[index] = line[...colon] + " " + Self.yamlValues[rng.int(below: Self.yamlValues.count)]
        }
        return lines.joined(separator: "\n")
    }

    private func collectPaths(_ node: Any, path: [Any], into paths: inout [[Any]]) {
        if !path.isEmpty { paths.append(path) }
        if let object = node as? [String: Any] {
            for key in object.keys.sorted() { collectPaths(object[key]!, path: path + [key], into: &paths) }
        } else if let array = node as? [Any] {
            for (i, item) in array.enumerated().prefix(8) { collectPaths(item, path: path + [i], into: &paths) }
        }
    }

    private func replacing(_ path: ArraySlice<Any>, in node: Any, with value: Any?) -> Any {
        guard let step = path.first else { return value ?? NSNull() }
        if let key = step as? String, var object = node as? [String: Any] {
            if path.count == 1, value == nil { object[key] = nil } else { object[key] = replacing(path.dropFirst(), in: object[key]!, with: value) }
            return object
        }
        if let i = step as? Int, var array = node as? [Any] {
            if path.count == 1, value == nil { array.remove(at: i) } else { array[i] = replacing(path.dropFirst(), in: array[i], with: value) }
            return array
        }
        return node
    }
}
