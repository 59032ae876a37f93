import Foundation

/// A set of named tensors plus string metadata, in the safetensors format.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON
/// (`{"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}`, padded with
/// spaces to a multiple of 8), then the tensors' bytes back to back. Files written here
/// are deterministic and load with `safetensors.numpy.load_file`: tensors are ordered like
/// the reference writer does (larger element size first, then by name), so every tensor's
/// data starts at a multiple of its element size.
public struct SafetensorsArchive: Equatable, Sendable {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// Free-form string metadata (the `__metadata__` entry).
    public var metadata: [String: String]

    /// Creates an archive.
    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads or replaces the tensor called `name`.
    public subscript(name: String) -> Tensor? {
        get { tensors[name] }
        set { tensors[name] = newValue }
    }

    /// The file's bytes.
    public func encoded() -> Data {
        precondition(tensors["__metadata__"] == nil, "a tensor cannot be called __metadata__ (the safetensors metadata key)")
        let names = tensors.keys.sorted {
            (-tensors[$0]!.dtype.byteSize, $0) < (-tensors[$1]!.dtype.byteSize, $1)
        }
        var entries: [String] = []
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let end = offset + tensor.bytes.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(JSONText.quote(name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONText.quote($0)):\(JSONText.quote(metadata[$0]!))" }
            entries.insert("\"__metadata__\":{\(pairs.joined(separator: ","))}", at: 0)
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names { data.append(contentsOf: tensors[name]!.bytes) }
        return data
    }

    /// Writes the archive to `url` atomically (temporary file, then rename).
    public func write(to url: URL) throws {
        try AtomicFile.write(encoded(), to: url)
    }

    /// Reads and validates every tensor of the file at `url`.
    public init(contentsOf url: URL) throws {
        let file = try SafetensorsFile(url: url)
        var tensors: [String: Tensor] = [:]
        for name in file.names { tensors[name] = try file.tensor(name) }
        self.init(tensors: tensors, metadata: file.metadata)
    }
}

/// JSON string quoting for the safetensors header.
enum JSONText {
    /// Returns `text` as a JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
