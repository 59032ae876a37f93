import Foundation

/// CRC-32 (the zlib / PNG / IEEE 802.3 polynomial): dataset shard and checkpoint checksums, PNG chunks.
///
/// It catches accidental damage (a flipped bit, a truncated copy) at a few GB/s, so
/// checksumming a shard costs little next to simulating it. Python computes the same
/// value with `zlib.crc32(data)`. Slicing-by-16: sixteen 256-entry tables, sixteen bytes a step.
public struct CRC32: Sendable {
    /// Table `k` (entries `k * 256 ..< (k + 1) * 256`) advances a byte followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 16 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<16 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    private var register: UInt32

    /// Starts a checksum, or continues one whose value so far is `previous`.
    public init(continuing previous: UInt32 = 0) {
        register = previous ^ 0xFFFF_FFFF
    }

    /// The checksum of everything added so far.
    public var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = register
        Self.tables.withUnsafeBufferPointer { t in
            /// The four table entries word `w` (bytes `16 - 4 * (slot + 1)` and on, counted from the step's end) contributes.
            @inline(__always) func word(_ w: UInt32, slot: Int) -> UInt32 {
                let base = slot * 4 * 256
                return t[base + 3 * 256 + Int(w & 0xFF)] ^ t[base + 2 * 256 + Int(w >> 8 & 0xFF)]
                    ^ t[base + 256 + Int(w >> 16 & 0xFF)] ^ t[base + Int(w >> 24)]
            }
            var i = 0
            while i + 16 <= bytes.count {
                let w0 = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let w1 = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                let w2 = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self))
                let w3 = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 12, as: UInt32.self))
                crc = word(w0, slot: 3) ^ word(w1, slot: 2) ^ word(w2, slot: 1) ^ word(w3, slot: 0)
                i += 16
            }
            while i < bytes.count {
                crc = t[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
        }
        register = crc
    }

    /// The checksum of `bytes`, continuing from `previous` (0 starts afresh).
    public static func checksum<C: Collection>(_ bytes: C, continuing previous: UInt32 = 0) -> UInt32
    where C.Element == UInt8 {
        var crc = CRC32(continuing: previous)
        if bytes.withContiguousStorageIfAvailable({ crc.update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { crc.update($0) }
        }
        return crc.value
    }

    /// The checksum of `data`.
    public static func checksum(of data: Data) -> UInt32 {
        var crc = CRC32()
        data.withUnsafeBytes { crc.update($0) }
        return crc.value
    }

    /// The checksum of the file at `url`, read memory-mapped.
    public static func checksum(ofFile url: URL) throws -> UInt32 {
        checksum(of: try Data(contentsOf: url, options: .alwaysMapped))
    }
}
