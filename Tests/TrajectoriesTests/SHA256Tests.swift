import Foundation
import Testing
@testable import Trajectories

@Suite("SHA-256")
struct SHA256Tests {
    @Test("the standard's test vectors")
    func vectors() {
        #expect(SHA256.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("hashing in pieces gives the digest of the whole, at every block boundary")
    func pieces() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        // Python's hashlib.sha256(bytes((i * 37 + 11) & 255 for i in range(300))).hexdigest()
        #expect(SHA256.hex(of: Data(bytes)) == "9b854f0a59eabeac0b0ecaee1f5cd7ab3bfbc93e9b33e2a89ac338b237f300f2")
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 300] {
            let whole = SHA256.hex(of: Data(bytes.prefix(length)))
            for cut in [0, 1, 30, 63, 64, 100, length].filter({ $0 <= length }) {
                var hasher = SHA256()
                bytes[0..<cut].withUnsafeBytes { hasher.update($0) }
                bytes[cut..<length].withUnsafeBytes { hasher.update($0) }
                #expect(hasher.finalize() == whole, "length \(length), cut at \(cut)")
            }
        }
    }
}
