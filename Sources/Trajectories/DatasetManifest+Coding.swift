import Foundation
import TensorCore

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
            throw Self.datasetError(error, decoding: VersionProbe.self, data: data, path: path)
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
            throw Self.datasetError(error, decoding: DatasetManifest.self, data: data, path: path)
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

    /// Turns a JSON decoding error (while decoding `type`) into one that names the field.
    private static func datasetError<T: Decodable>(_ error: any Error, decoding type: T.Type, data: Data, path: String) -> DatasetError {
        let problem = JSONDecodingProblem(error, decoding: type, from: data)
        return DatasetError(path: path, field: problem.field, reason: problem.reason)
    }
}
