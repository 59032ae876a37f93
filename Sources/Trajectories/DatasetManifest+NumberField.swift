import Foundation

extension DatasetManifest {
    /// The field of the manifest JSON `data` holding a number that does not fit its type (a negative seed, a
    /// fractional count), which Foundation's decoder reports without a field; nil when none is found.
    ///
    /// Tries the numbers that could be the culprit (negative, fractional or beyond 2⁶³), in document order: the one
    /// whose replacement by 0 makes that error go away is it.
    static func fieldWithUnfittingNumber(in data: Data) -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return nil }
        var candidates: [[JSONPathStep]] = []
        collectSuspiciousNumbers(root, path: [], into: &candidates)
        for candidate in candidates.prefix(64) {
            let patched = replacing(candidate[...], in: root)
            guard let patchedData = try? JSONSerialization.data(withJSONObject: patched) else { continue }
            do {
                _ = try JSONDecoder().decode(DatasetManifest.self, from: patchedData)
                return pathText(candidate)
            } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
                continue
            } catch {
                return pathText(candidate)
            }
        }
        return nil
    }

    /// One step into a JSON document: an object key or an array index.
    fileprivate enum JSONPathStep {
        case key(String)
        case index(Int)
    }

    private static func collectSuspiciousNumbers(_ node: Any, path: [JSONPathStep], into found: inout [[JSONPathStep]]) {
        if let object = node as? [String: Any] {
            for key in object.keys.sorted() { collectSuspiciousNumbers(object[key]!, path: path + [.key(key)], into: &found) }
        } else if let array = node as? [Any] {
            for (i, item) in array.enumerated() { collectSuspiciousNumbers(item, path: path + [.index(i)], into: &found) }
        } else if let number = node as? NSNumber, !(node is String) {
            let value = number.doubleValue
            if value < 0 || value != value.rounded() || abs(value) >= 0x1p63 { found.append(path) }
        }
    }

    private static func replacing(_ path: ArraySlice<JSONPathStep>, in node: Any) -> Any {
        guard let step = path.first else { return 0 }
        switch step {
        case let .key(key):
            guard var object = node as? [String: Any], let child = object[key] else { return node }
            object[key] = replacing(path.dropFirst(), in: child)
            return object
        case let .index(i):
            guard var array = node as? [Any], array.indices.contains(i) else { return node }
            array[i] = replacing(path.dropFirst(), in: array[i])
            return array
        }
    }

    private static func pathText(_ path: [JSONPathStep]) -> String {
        path.map { step in
            switch step {
            case let .key(key): return ".\(key)"
            case let .index(i): return "[\(i)]"
            }
        }.joined().trimmingCharacters(in: ["."])
    }
}
