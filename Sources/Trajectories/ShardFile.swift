import Foundation
import TensorCore

/// A safetensors shard filled episode by episode, from any thread, in place.
///
/// Every tensor of a shard is `[E, ...]` with a fixed size per episode, so the bytes of
/// episode `k` of each tensor sit at an offset known before anything is simulated. The
/// file is created with its header and full length up front; workers then write their
/// episodes straight to their offsets (`pwrite`), with no copy of the whole shard in
/// memory and no serial packing step. The result is an ordinary safetensors file
/// (tensors in name order, header padded with spaces to a multiple of 8), identical
/// whatever order the episodes arrive in.
final class ShardFile: @unchecked Sendable {
    /// Where one tensor's episodes go.
    private struct Slot {
        let spec: ShardLayout.TensorSpec
        /// File offset of the tensor's first byte.
        let offset: Int
        /// Bytes per episode.
        let stride: Int
    }

    /// The file being written.
    let url: URL
    /// The name errors use for the file (its path in the finished dataset).
    let displayPath: String
    /// The number of episodes the shard holds.
    let episodes: Int
    private let slots: [Slot]
    private let descriptor: Int32

    /// Creates the file at `url` (which must not exist) with the header for `episodes` episodes, or with
    /// `creating == false` opens the one another process created so, to write episodes into it.
    init(url: URL, displayPath: String, manifest: DatasetManifest, episodes: Int, metadata: [String: String],
         creating: Bool = true) throws {
        let specs = ShardLayout.tensors(of: manifest, episodes: episodes).sorted { $0.name < $1.name }
        var entries: [String] = []
        var dataOffsets: [Int] = []
        var end = 0
        for spec in specs {
            let bytes = spec.shape.reduce(1, *) * spec.dtype.byteSize
            dataOffsets.append(end)
            entries.append("\(Self.quote(spec.name)):{\"dtype\":\"\(spec.dtype.rawValue)\",\"shape\":[\(spec.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(end),\(end + bytes)]}")
            end += bytes
        }
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(Self.quote($0)):\(Self.quote(metadata[$0]!))" }
            entries.insert("\"__metadata__\":{\(pairs.joined(separator: ","))}", at: 0)
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        let dataStart = 8 + header.count
        self.url = url
        self.displayPath = displayPath
        self.episodes = episodes
        self.slots = zip(specs, dataOffsets).map { spec, offset in
            Slot(spec: spec, offset: dataStart + offset, stride: spec.shape.dropFirst().reduce(1, *) * spec.dtype.byteSize)
        }
        descriptor = open(url.path, creating ? O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC : O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(displayPath, creating ? "cannot create" : "cannot open") }
        guard creating else { return }
        do {
            var prefix = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
            prefix += header
            try write(prefix, at: 0)
            guard ftruncate(descriptor, off_t(dataStart + end)) == 0 else { throw Self.error(displayPath, "cannot size") }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Writes `record` (checked against the manifest) as the shard's episode number `local`.
    func write(_ record: EpisodeRecord, local: Int) throws {
        precondition((0..<episodes).contains(local), "episode \(local) outside the shard")
        for slot in slots {
            let at = slot.offset + local * slot.stride
            switch slot.spec.name {
            case ShardLayout.observationTensor(.state): try write(record.state, at: at)
            case ShardLayout.observationTensor(.pixels): try write(record.pixels!, at: at)
            case ShardLayout.observationTensor(.lidar): try write(record.lidar!, at: at)
            case ShardLayout.actions: try write(record.actions, at: at)
            case ShardLayout.rewards: try write(record.rewards, at: at)
            case ShardLayout.contacts: try write(record.contacts, at: at)
            case ShardLayout.terminated: try write(record.terminated, at: at)
            case ShardLayout.episodeSeed: try write([Int64(bitPattern: record.seed)], at: at)
            default: preconditionFailure("no field of EpisodeRecord for tensor \(slot.spec.name)")
            }
        }
    }

    /// Flushes the file to disk; called once every episode is written.
    func synchronize() throws {
        guard fsync(descriptor) == 0 else { throw Self.error(displayPath, "cannot flush to disk") }
    }

    /// Writes the bytes of `values` at file offset `offset`, all of them.
    private func write<Element>(_ values: [Element], at offset: Int) throws {
        try values.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw Self.error(displayPath, "cannot write") }
                done += written
            }
        }
    }

    private static func error(_ path: String, _ what: String) -> DatasetError {
        DatasetError(path: path, reason: "\(what) (\(String(cString: strerror(errno))))")
    }

    /// `text` as a JSON string literal.
    private static func quote(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try! encoder.encode(text), as: UTF8.self)
    }
}
