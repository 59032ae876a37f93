import Foundation

/// A validated, memory-mapped safetensors file whose tensors are read on demand.
///
/// Opening checks the whole header against the file: the header length, the JSON,
/// every dtype and shape, and that the data offsets tile the data area exactly
/// (no gaps, overlaps or bytes past the end). Tensors are only copied when asked for,
/// so a large dataset shard costs no memory until it is used.
public struct SafetensorsFile: Sendable {
    /// Where one tensor lives in the file.
    public struct Entry: Equatable, Sendable {
        public let dtype: DType
        public let shape: [Int]
        /// Byte range inside the data area (after the header).
        public let range: Range<Int>
    }

    /// The file's path, used in every error.
    public let path: String
    /// The `__metadata__` entries.
    public let metadata: [String: String]
    /// The tensor entries by name.
    public let entries: [String: Entry]
    private let data: Data
    private let dataStart: Int

    /// The tensor names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// Opens and validates the file at `url` (memory-mapped).
    public init(url: URL) throws {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SafetensorsError(path: path, reason: "cannot read file (\(error.localizedDescription))")
        }
        try self.init(data: data, path: path)
    }

    /// Validates in-memory safetensors bytes; `path` names the source in errors.
    public init(data: Data, path: String) throws {
        func fail(_ reason: String) -> SafetensorsError { SafetensorsError(path: path, reason: reason) }
        guard data.count >= 8 else {
            throw fail("truncated: \(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw fail("header length \(headerLength) runs past the end of the file (\(data.count) bytes)")
        }
        let headerBytes = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + 8 + Int(headerLength)))
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: headerBytes)
        } catch {
            throw fail("header is not valid JSON (\(headerLength) bytes at offset 8)")
        }
        guard let object = json as? [String: Any] else {
            throw fail("header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [String: Entry] = [:]
        for (name, value) in object {
            if name == "__metadata__" {
                guard let pairs = value as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (key, item) in pairs {
                    guard let text = item as? String else { throw fail("__metadata__.\(key) is not a string") }
                    metadata[key] = text
                }
                continue
            }
            entries[name] = try Self.parseEntry(name: name, value: value, fail: fail)
        }
        let dataLength = data.count - 8 - Int(headerLength)
        var covered = 0
        // In offset order; an empty tensor sorts before a non-empty one starting at the same byte.
        let ordered = entries.sorted {
            ($0.value.range.lowerBound, $0.value.range.upperBound, $0.key)
                < ($1.value.range.lowerBound, $1.value.range.upperBound, $1.key)
        }
        for (name, entry) in ordered {
            guard entry.range.upperBound <= dataLength else {
                throw fail("truncated: tensor '\(name)' ends at byte \(entry.range.upperBound) of the data area, which has only \(dataLength)")
            }
            guard entry.range.lowerBound == covered else {
                throw fail(entry.range.lowerBound < covered
                    ? "tensor '\(name)' overlaps the previous tensor (starts at \(entry.range.lowerBound), previous ends at \(covered))"
                    : "gap before tensor '\(name)' (starts at \(entry.range.lowerBound), previous ends at \(covered))")
            }
            covered = entry.range.upperBound
        }
        guard covered == dataLength else {
            throw fail("\(dataLength - covered) trailing bytes after the last tensor")
        }
        self.path = path
        self.metadata = metadata
        self.entries = entries
        self.data = data
        self.dataStart = 8 + Int(headerLength)
    }

    private static func parseEntry(name: String, value: Any,
                                   fail: (String) -> SafetensorsError) throws -> Entry {
        guard let fields = value as? [String: Any] else { throw fail("tensor '\(name)': entry is not an object") }
        guard let dtypeName = fields["dtype"] as? String else { throw fail("tensor '\(name)': missing dtype") }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw fail("tensor '\(name)': unsupported dtype '\(dtypeName)' (expected one of F32, F64, U8, I32, I64)")
        }
        guard let shapeValues = fields["shape"] as? [Any],
              case let shape = shapeValues.compactMap({ $0 as? Int }),
              shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw fail("tensor '\(name)': shape must be a list of non-negative integers")
        }
        guard let offsetValues = fields["data_offsets"] as? [Any], offsetValues.count == 2,
              let begin = offsetValues[0] as? Int,
              let end = offsetValues[1] as? Int, begin >= 0, end >= begin else {
            throw fail("tensor '\(name)': data_offsets must be [begin, end] with 0 <= begin <= end")
        }
        guard let byteCount = Tensor.byteCount(dtype: dtype, shape: shape) else {
            throw fail("tensor '\(name)': \(dtype.rawValue) shape \(shape) is too large")
        }
        guard byteCount == end - begin else {
            throw fail("tensor '\(name)': \(dtype.rawValue) shape \(shape) needs \(byteCount) bytes but data_offsets span \(end - begin)")
        }
        return Entry(dtype: dtype, shape: shape, range: begin..<end)
    }

    /// The entry called `name`, or an error naming the file and the missing tensor.
    public func entry(_ name: String) throws -> Entry {
        guard let entry = entries[name] else {
            throw SafetensorsError(path: path, reason: "missing tensor '\(name)' (found: \(names.joined(separator: ", ")))")
        }
        return entry
    }

    /// Checks that tensor `name` exists with `dtype` and, where given, `shape`.
    @discardableResult
    public func require(_ name: String, dtype: DType, shape: [Int]? = nil) throws -> Entry {
        let entry = try entry(name)
        guard entry.dtype == dtype else {
            throw SafetensorsError(path: path, reason: "tensor '\(name)': expected dtype \(dtype.rawValue), found \(entry.dtype.rawValue)")
        }
        if let shape, shape != entry.shape {
            throw SafetensorsError(path: path, reason: "tensor '\(name)': expected shape \(shape), found \(entry.shape)")
        }
        return entry
    }

    /// Copies tensor `name` out of the file.
    public func tensor(_ name: String) throws -> Tensor {
        let entry = try entry(name)
        let start = data.startIndex + dataStart
        let bytes = [UInt8](data[(start + entry.range.lowerBound)..<(start + entry.range.upperBound)])
        return try Tensor(dtype: entry.dtype, shape: entry.shape, bytes: bytes)
    }

    /// Copies elements `range` (flat, in elements) of tensor `name` as `T` without reading the rest.
    ///
    /// Used to pull single episodes out of a shard: elements of `[E, T, ...]` are contiguous per episode.
    public func elements<T: TensorElement>(_ name: String, range: Range<Int>, as type: T.Type = T.self) throws -> [T] {
        let entry = try require(name, dtype: T.dtype)
        let count = entry.shape.reduce(1, *)
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw SafetensorsError(path: path, reason: "tensor '\(name)': elements \(range) out of 0..<\(count)")
        }
        let size = T.dtype.byteSize
        let start = data.startIndex + dataStart + entry.range.lowerBound
        return [T](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[(start - data.startIndex + range.lowerBound * size)..<(start - data.startIndex + range.upperBound * size)])
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = range.count
        }
    }
}

/// A safetensors file is damaged or not what the caller expected.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public let path: String
    /// What is wrong, and where.
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
