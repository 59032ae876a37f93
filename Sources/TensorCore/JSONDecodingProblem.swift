import Foundation

/// Why a JSON document could not be decoded as a `Decodable` type: the field (`shards[1].episodes`) and what was
/// expected, in words instead of a `DecodingError` dump.
///
/// Foundation reports a number that does not fit its field (a negative seed, a fractional count) like a syntax
/// error, without the field; that field is found by trying the suspicious numbers one at a time.
public struct JSONDecodingProblem: Sendable, Equatable {
    /// The field path, when known.
    public let field: String?
    /// What is wrong.
    public let reason: String

    /// Describes `error`, thrown while decoding `type` from `data`.
    public init<T: Decodable>(_ error: any Error, decoding type: T.Type, from data: Data) {
        guard let decoding = error as? DecodingError else {
            (field, reason) = (nil, "\(error)")
            return
        }
        switch decoding {
        case let .keyNotFound(key, context):
            let parent = Self.fieldName(context.codingPath).map { "\($0)." } ?? ""
            (field, reason) = (parent + key.stringValue, "missing")
        case let .typeMismatch(expected, context):
            (field, reason) = (Self.fieldName(context.codingPath), "expected \(Self.describe(expected))")
        case let .valueNotFound(expected, context):
            (field, reason) = (Self.fieldName(context.codingPath), "expected \(Self.describe(expected)), found null")
        case let .dataCorrupted(context):
            if !context.codingPath.isEmpty {
                // An enumeration's raw value it does not have: "Cannot initialize Phase from invalid Int value 17".
                let detail = context.debugDescription
                let value = detail.hasPrefix("Cannot initialize") ? detail.range(of: " value ").map { detail[$0.upperBound...] } : nil
                (field, reason) = (Self.fieldName(context.codingPath), value.map { "\($0) is not one of the allowed values" } ?? detail)
            } else if (try? JSONSerialization.jsonObject(with: data)) == nil {
                (field, reason) = (nil, "not valid JSON")
            } else {
                (field, reason) = (Self.fieldWithUnfittingNumber(in: data, decoding: type),
                                   "a number does not fit its field (negative, fractional or too large where a count or seed belongs)")
            }
        @unknown default:
            (field, reason) = (nil, "\(error)")
        }
    }

    /// `shards[1].episodes` for a coding path.
    static func fieldName(_ codingPath: [any CodingKey]) -> String? {
        guard !codingPath.isEmpty else { return nil }
        return codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    /// What a value of `type` is, in words.
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is UInt64.Type, is UInt32.Type, is Int32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array<") { return "a list" }
            if name.hasPrefix("Dictionary<") { return "an object" }
            return "a \(name) value"
        }
    }

    /// The field of the JSON document `data` holding a number that does not fit its type, or nil when none is found.
    ///
    /// Tries the numbers that could be the culprit (negative, fractional or beyond 2⁶³), in document order: the one
    /// whose replacement by 0 makes that error go away is it.
    static func fieldWithUnfittingNumber<T: Decodable>(in data: Data, decoding type: T.Type) -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return nil }
        var candidates: [[JSONPathStep]] = []
        collectSuspiciousNumbers(root, path: [], into: &candidates)
        for candidate in candidates.prefix(64) {
            let patched = replacing(candidate[...], in: root)
            guard let patchedData = try? JSONSerialization.data(withJSONObject: patched) else { continue }
            do {
                _ = try JSONDecoder().decode(type, from: patchedData)
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
