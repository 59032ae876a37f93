import Foundation

extension DatasetManifest {
    /// The manifest as JSON: pretty-printed with sorted keys, so equal manifests give equal bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Decodes and validates a manifest; `path` names the file in errors.
    ///
    /// The format version is checked before anything else, so a manifest from a newer
    /// version of Foresight is reported as such rather than as a missing field.
    public init(data: Data, path: String) throws {
        struct VersionProbe: Decodable {
            let formatVersion: Int?
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        let probe: VersionProbe
        do {
            probe = try JSONDecoder().decode(VersionProbe.self, from: data)
        } catch {
            throw Self.datasetError(error, data: data, path: path)
        }
        guard let version = probe.formatVersion else {
            throw DatasetError(path: path, field: "format_version", reason: "missing (is this a Foresight dataset manifest?)")
        }
        guard version == Self.currentFormatVersion else {
            throw DatasetError(path: path, field: "format_version",
                               reason: "unsupported version \(version); this build reads version \(Self.currentFormatVersion)")
        }
        do {
            self = try JSONDecoder().decode(DatasetManifest.self, from: data)
        } catch {
            throw Self.datasetError(error, data: data, path: path)
        }
        try validate(path: path)
    }

    /// Reads and validates the manifest file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DatasetError(path: url.path, reason: "cannot read the manifest (\(error.localizedDescription))")
        }
        try self.init(data: data, path: url.path)
    }

    /// Turns a JSON decoding error into one that names the field.
    private static func datasetError(_ error: any Error, data: Data, path: String) -> DatasetError {
        func fieldName(_ codingPath: [any CodingKey]) -> String? {
            guard !codingPath.isEmpty else { return nil }
            return codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
                .joined().trimmingCharacters(in: ["."])
        }
        guard let decoding = error as? DecodingError else {
            return DatasetError(path: path, reason: "\(error)")
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            let parent = fieldName(context.codingPath).map { "\($0)." } ?? ""
            return DatasetError(path: path, field: parent + key.stringValue, reason: "missing")
        case .typeMismatch(let type, let context):
            return DatasetError(path: path, field: fieldName(context.codingPath), reason: "expected \(type)")
        case .valueNotFound(let type, let context):
            return DatasetError(path: path, field: fieldName(context.codingPath), reason: "expected \(type), found null")
        case .dataCorrupted(let context):
            guard context.codingPath.isEmpty else {
                return DatasetError(path: path, field: fieldName(context.codingPath), reason: context.debugDescription)
            }
            // Foundation reports a number that does not fit its field (a negative seed) like a syntax error.
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else { return DatasetError(path: path, reason: "not valid JSON") }
            return DatasetError(path: path, field: fieldWithUnfittingNumber(in: data),
                                reason: "a number does not fit its field (negative, fractional or too large where a count or seed belongs)")
        @unknown default:
            return DatasetError(path: path, reason: "\(error)")
        }
    }
}
