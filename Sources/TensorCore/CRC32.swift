import Foundation

/// CRC-32 (the zlib / PNG / IEEE 802.3 polynomial): dataset shard and checkpoint checksums, PNG chunks.
///
/// It catches accidental damage (a flipped bit, a truncated copy) at a few GB/s, so
/// checksumming a shard costs little next to simulating it. Python computes the same
/// value with `zlib.crc32(data)`. Slicing-by-8: eight 256-entry tables, eight bytes a step.
public struct CRC32: Sendable {
    /// Table `k` (entries `k * 256 ..< (k + 1) * 256`) advances a byte followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<8 {
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
            var i = 0
            while i + 8 <= bytes.count {
                let low = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int(low >> 8 & 0xFF)]
                    ^ t[5 * 256 + Int(low >> 16 & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int(high >> 8 & 0xFF)]
                    ^ t[256 + Int(high >> 16 & 0xFF)] ^ t[Int(high >> 24)]
                i += 8
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
