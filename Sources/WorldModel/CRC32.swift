/// CRC-32 (IEEE 802.3, as in PNG, zlib and gzip).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    /// Continues a checksum over `bytes` (start with `0`).
    public static func checksum<S: Sequence>(_ bytes: S, continuing previous: UInt32 = 0) -> UInt32 where S.Element == UInt8 {
        var crc = ~previous
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }
}
