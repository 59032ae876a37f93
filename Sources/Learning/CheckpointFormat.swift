import Foundation
import TensorCore

/// A checkpoint file is missing, damaged, or for a different model.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public let path: String
    /// What is wrong, and where.
    public let reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "checkpoint \(path): \(reason)" }
}

/// The optimizer entry of a checkpoint's metadata (buffers are stored as tensors).
struct OptimizerHeader: Codable {
    var kind: String
    var hyperparameters: [String: Float]
    var step: Int
    var buffers: [String]
}

/// Shared pieces of the checkpoint format.
enum CheckpointFormat {
    static let name = "foresight-checkpoint"
    static let version = "1"

    /// `value` as compact JSON with sorted keys.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Opens `url` and checks the format, version and model kind.
    static func open(_ url: URL, kind: String) throws -> SafetensorsFile {
        let file: SafetensorsFile
        do { file = try SafetensorsFile(url: url) } catch let error as SafetensorsError {
            throw CheckpointError(path: url.path, reason: "damaged or not a safetensors file: \(error.reason)")
        }
        guard file.metadata["format"] == name else {
            throw CheckpointError(path: file.path, reason: "__metadata__.format is \(file.metadata["format"].map { "'\($0)'" } ?? "missing"), expected '\(name)'")
        }
        guard file.metadata["format_version"] == version else {
            throw CheckpointError(path: file.path, reason: "__metadata__.format_version is \(file.metadata["format_version"] ?? "missing"), expected \(version)")
        }
        guard file.metadata["kind"] == kind else {
            throw CheckpointError(path: file.path, reason: "__metadata__.kind is '\(file.metadata["kind"] ?? "missing")', expected '\(kind)'")
        }
        return file
    }

    /// Decodes `__metadata__.config`.
    static func decodeConfig<C: Decodable>(_ file: SafetensorsFile) throws -> C {
        guard let text = file.metadata["config"] else {
            throw CheckpointError(path: file.path, reason: "__metadata__.config is missing")
        }
        do { return try JSONDecoder().decode(C.self, from: Data(text.utf8)) } catch {
            throw CheckpointError(path: file.path, reason: "__metadata__.config does not decode as \(C.self): \(error)")
        }
    }

    /// "field: file has A, model has B" for every top-level field that differs.
    static func differences<C: Encodable>(saved: C, expected: C) throws -> String {
        func fields(_ value: C) throws -> [String: String] {
            let object = try JSONSerialization.jsonObject(with: Data(try json(value).utf8)) as? [String: Any] ?? [:]
            return object.mapValues { value in
                (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            }
        }
        let a = try fields(saved), b = try fields(expected)
        return Set(a.keys).union(b.keys).sorted().compactMap { key in
            a[key] == b[key] ? nil : "\(key): file has \(a[key] ?? "nothing"), model has \(b[key] ?? "nothing")"
        }.joined(separator: "; ")
    }
}
