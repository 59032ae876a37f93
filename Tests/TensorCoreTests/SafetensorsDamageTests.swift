import Foundation
import Testing
import TensorCore
import TestSupport

/// A damaged file and the words its error must contain.
struct Damage: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let bytes: Data
    let expectedReason: String
}

private func validBytes() -> Data {
    SafetensorsArchive(tensors: [
        "a": Tensor([1, 2, 3, 4] as [Float], shape: [2, 2]),
        "b": Tensor([5, 6] as [Int64], shape: [2]),
    ], metadata: ["k": "v"]).encoded()
}

private func entry(_ name: String, _ dtype: String, _ shape: String, _ begin: Int, _ end: Int) -> String {
    #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":[\#(begin),\#(end)]}"#
}

private func lengthPrefix(_ value: UInt64) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

@Suite("Safetensors: damaged files throw errors naming the file")
struct SafetensorsDamageTests {
    static let damages: [Damage] = [
        Damage(testDescription: "empty file", bytes: Data(), expectedReason: "truncated: 0 bytes"),
        Damage(testDescription: "shorter than 8 bytes", bytes: Data([1, 0, 0, 0, 0]), expectedReason: "truncated: 5 bytes"),
        Damage(testDescription: "truncated data", bytes: validBytes().dropLast(3),
               expectedReason: "truncated: tensor 'a' ends at byte 32 of the data area, which has only 29"),
        Damage(testDescription: "header length past end",
               bytes: Data(lengthPrefix(1_000_000) + Array(#"{}"#.utf8)),
               expectedReason: "header length 1000000 runs past the end of the file (10 bytes)"),
        Damage(testDescription: "header length UInt64.max",
               bytes: Data(lengthPrefix(.max) + Array(#"{}      "#.utf8)),
               expectedReason: "header length 18446744073709551615 runs past the end"),
        Damage(testDescription: "non-JSON header", bytes: craftedFile(header: "{not json", data: []),
               expectedReason: "header is not valid JSON"),
        Damage(testDescription: "header not an object", bytes: craftedFile(header: "[1, 2]", data: []),
               expectedReason: "header is not a JSON object"),
        Damage(testDescription: "overlapping offsets",
               bytes: craftedFile(header: "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}",
                                  data: [UInt8](repeating: 0, count: 12)),
               expectedReason: "tensor 'b' overlaps the previous tensor (starts at 4, previous ends at 8)"),
        Damage(testDescription: "gap between tensors",
               bytes: craftedFile(header: "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[1]", 12, 16) + "}",
                                  data: [UInt8](repeating: 0, count: 16)),
               expectedReason: "gap before tensor 'b' (starts at 12, previous ends at 8)"),
        Damage(testDescription: "trailing bytes",
               bytes: craftedFile(header: "{" + entry("a", "U8", "[2]", 0, 2) + "}", data: [1, 2, 3]),
               expectedReason: "1 trailing bytes after the last tensor"),
        Damage(testDescription: "unknown dtype",
               bytes: craftedFile(header: "{" + entry("w", "BF16", "[2]", 0, 4) + "}", data: [0, 0, 0, 0]),
               expectedReason: "tensor 'w': unsupported dtype 'BF16' (expected one of F32, F64, U8, I32, I64)"),
        Damage(testDescription: "shape does not fit offsets",
               bytes: craftedFile(header: "{" + entry("w", "F32", "[3]", 0, 8) + "}", data: [UInt8](repeating: 0, count: 8)),
               expectedReason: "tensor 'w': F32 shape [3] needs 12 bytes but data_offsets span 8"),
        Damage(testDescription: "negative dimension",
               bytes: craftedFile(header: "{" + entry("w", "U8", "[-1]", 0, 0) + "}", data: []),
               expectedReason: "tensor 'w': shape must be a list of non-negative integers"),
        Damage(testDescription: "fractional dimension",
               bytes: craftedFile(header: "{" + entry("w", "U8", "[1.5]", 0, 1) + "}", data: [0]),
               expectedReason: "tensor 'w': shape must be a list of non-negative integers"),
        Damage(testDescription: "overflowing shape",
               bytes: craftedFile(header: "{" + entry("w", "F64", "[4294967296,4294967296]", 0, 8) + "}", data: [0, 0, 0, 0, 0, 0, 0, 0]),
               expectedReason: "tensor 'w': F64 shape [4294967296, 4294967296] is too large"),
        Damage(testDescription: "offsets reversed",
               bytes: craftedFile(header: "{" + entry("w", "U8", "[0]", 4, 0) + "}", data: []),
               expectedReason: "tensor 'w': data_offsets must be [begin, end] with 0 <= begin <= end"),
        Damage(testDescription: "missing dtype",
               bytes: craftedFile(header: #"{"w":{"shape":[1],"data_offsets":[0,1]}}"#, data: [0]),
               expectedReason: "tensor 'w': missing dtype"),
        Damage(testDescription: "entry not an object",
               bytes: craftedFile(header: #"{"w":3}"#, data: []),
               expectedReason: "tensor 'w': entry is not an object"),
        Damage(testDescription: "metadata value not a string",
               bytes: craftedFile(header: #"{"__metadata__":{"epochs":3}}"#, data: []),
               expectedReason: "__metadata__.epochs is not a string"),
    ]

    @Test(arguments: damages)
    func damagedBytesThrowANamedError(damage: Damage) {
        let error = #expect(throws: SafetensorsError.self) {
            try SafetensorsFile(data: damage.bytes, path: "/data/shard-00003.safetensors")
        }
        #expect(error?.path == "/data/shard-00003.safetensors")
        #expect(error?.reason.hasPrefix(damage.expectedReason) == true, "reason: \(error?.reason ?? "none")")
        #expect(error?.description.hasPrefix("/data/shard-00003.safetensors: ") == true)
    }

    @Test func damagedFilesOnDiskNameTheFileThroughEveryReader() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("broken.safetensors")
        try validBytes().dropLast(1).write(to: url)
        for open in [{ _ = try SafetensorsFile(url: url) }, { _ = try SafetensorsArchive(contentsOf: url) }] {
            let error = #expect(throws: SafetensorsError.self) { try open() }
            #expect(error?.path == url.path)
            #expect(error?.reason.hasPrefix("truncated") == true)
        }
        let missing = #expect(throws: SafetensorsError.self) {
            try SafetensorsFile(url: directory.file("absent.safetensors"))
        }
        #expect(missing?.path == directory.file("absent.safetensors").path)
        #expect(missing?.reason.hasPrefix("cannot read file") == true)
    }

    @Test func everySingleByteTruncationIsRejected() {
        let bytes = validBytes()
        for length in 0..<bytes.count {
            #expect(throws: SafetensorsError.self, "length \(length)") {
                try SafetensorsFile(data: bytes.prefix(length), path: "cut")
            }
        }
        #expect(throws: Never.self) { try SafetensorsFile(data: bytes, path: "whole") }
    }
}
