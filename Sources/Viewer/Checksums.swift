#if Viewer
/// CRC-32 (ISO-HDLC, the polynomial PNG and zip use), fed incrementally.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        var c = state
        for byte in bytes { c = Self.table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        state = c
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }
}

/// Adler-32 (the zlib stream checksum), fed incrementally.
struct Adler32 {
    private var a: UInt32 = 1
    private var b: UInt32 = 0

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        // 5552 is the longest run whose sums cannot overflow 32 bits before the modulo.
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 5552)
            for i in index..<end {
                a &+= UInt32(bytes[i])
                b &+= a
            }
            a %= 65521
            b %= 65521
            index = end
        }
    }

    var value: UInt32 { b << 16 | a }
}
#endif
