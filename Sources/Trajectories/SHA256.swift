import Foundation

/// SHA-256 (FIPS 180-4), used for the shard checksums in a dataset manifest.
///
/// The round constants and initial state are derived at first use from the primes, as the
/// standard defines them (the first 32 bits of the fractional parts of their cube and
/// square roots); the test vectors of the standard check the result.
struct SHA256 {
    private var state: [UInt32] = SHA256Constants.shared.initialState
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// Hashes more bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var input = bytes[...]
        if !pending.isEmpty {
            let taken = min(64 - pending.count, input.count)
            pending += input.prefix(taken)
            input = input.dropFirst(taken)
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress(UnsafeRawBufferPointer($0)) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = input.count / 64 * 64
        if whole > 0 { compress(UnsafeRawBufferPointer(rebasing: input.prefix(whole))) }
        pending += input.dropFirst(whole)
    }

    /// The digest of everything hashed, as 64 lowercase hex digits.
    mutating func finalize() -> String {
        let bits = length &* 8
        var padding: [UInt8] = [0x80]
        padding += [UInt8](repeating: 0, count: (119 - pending.count) % 64)
        padding += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        padding.withUnsafeBytes { update($0) }
        precondition(pending.isEmpty, "SHA-256 padding must end on a block boundary")
        return state.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// The digest of `data`.
    static func hex(of data: Data) -> String {
        var hasher = SHA256()
        data.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    /// The digest of the file at `url`, read memory-mapped.
    static func hex(ofFile url: URL) throws -> String {
        hex(of: try Data(contentsOf: url, options: .alwaysMapped))
    }

    /// Processes whole 64-byte blocks (`blocks.count` is a multiple of 64).
    private mutating func compress(_ blocks: UnsafeRawBufferPointer) {
        SHA256Constants.shared.rounds.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var (h0, h1, h2, h3) = (state[0], state[1], state[2], state[3])
                var (h4, h5, h6, h7) = (state[4], state[5], state[6], state[7])
                for start in stride(from: 0, to: blocks.count, by: 64) {
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                        let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    for i in 0..<64 {
                        let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                        let t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
                state = [h0, h1, h2, h3, h4, h5, h6, h7]
            }
        }
    }

    @inline(__always)
    private func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }
}

/// SHA-256's constants, derived from the first 64 primes.
private struct SHA256Constants: Sendable {
    static let shared = SHA256Constants()

    /// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
    let initialState: [UInt32]
    /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    let rounds: [UInt32]

    private init() {
        var primes: [Int] = []
        var candidate = 2
        while primes.count < 64 {
            if !primes.contains(where: { candidate % $0 == 0 }) { primes.append(candidate) }
            candidate += 1
        }
        func fractionBits(_ root: Double) -> UInt32 {
            UInt32((root - root.rounded(.down)) * 4_294_967_296)
        }
        initialState = primes.prefix(8).map { fractionBits(Double($0).squareRoot()) }
        rounds = primes.map { fractionBits(cbrt(Double($0))) }
    }
}
