import Foundation
import Testing
import TensorCore

@Suite("CRC-32")
struct CRC32Tests {
    @Test("the standard check value and known strings")
    func knownValues() {
        #expect(CRC32.checksum(of: Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(of: Data()) == 0)
        #expect(CRC32.checksum(of: Data("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum(Array("6789".utf8), continuing: CRC32.checksum(Array("12345".utf8))) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("123456789".utf8)[...]) == 0xCBF4_3926)
    }

    @Test("agrees with Python's zlib.crc32 at every length around the 8-byte steps, also when fed in pieces")
    func pieces() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        // zlib.crc32(bytes((i * 37 + 11) & 255 for i in range(300))[:n]) for each n
        let python: [Int: UInt32] = [0: 0, 1: 1_171_273_221, 7: 4_017_044_273, 8: 1_686_875_531, 9: 400_318_366,
                                     15: 1_398_824_675, 16: 619_227_528, 17: 3_455_878_218, 63: 3_135_637_977,
                                     64: 4_290_438_665, 65: 1_244_624_343, 300: 854_351_478]
        for (length, expected) in python {
            #expect(CRC32.checksum(of: Data(bytes.prefix(length))) == expected, "length \(length)")
            for cut in [0, 1, 5, 8, 13, length].filter({ $0 <= length }) {
                var crc = CRC32()
                bytes[0..<cut].withUnsafeBytes { crc.update($0) }
                bytes[cut..<length].withUnsafeBytes { crc.update($0) }
                #expect(crc.value == expected, "length \(length), cut at \(cut)")
            }
        }
    }
}
