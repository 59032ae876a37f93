import Foundation
import Testing
import TensorCore
import TestSupport

@Suite("Safetensors: round trips, byte layout, partial reads")
struct SafetensorsTests {
    /// One tensor of every dtype, including a 0-d scalar and empty tensors.
    static let everyKind: [String: Tensor] = [
        "f32": Tensor([1.5, -2, .infinity, .leastNonzeroMagnitude, -0.0, 3, 4, 5] as [Float], shape: [2, 4]),
        "f64": Tensor([.pi, -1e300, 0] as [Double], shape: [3]),
        "u8": Tensor([0, 1, 127, 128, 255, 9] as [UInt8], shape: [1, 2, 3]),
        "i32": Tensor([.min, -1, 0, .max] as [Int32], shape: [2, 2]),
        "i64": Tensor([.min, -7, .max] as [Int64], shape: [3, 1]),
        "scalar": Tensor([42] as [Double], shape: []),
        "empty": Tensor([] as [Float], shape: [0]),
        "empty.middle": Tensor([] as [Int64], shape: [2, 0, 3]),
        "odd name \"quoted\"\n": Tensor([7] as [UInt8], shape: [1]),
    ]

    @Test func everyDTypeRoundTripsThroughAFileWithMetadata() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("all.safetensors")
        let archive = SafetensorsArchive(
            tensors: Self.everyKind,
            metadata: ["config": #"{"layers": [64, 64]}"#, "note": "tab\tand \\ backslash", "ü": "ünïcode"])
        try archive.write(to: url)
        let loaded = try SafetensorsArchive(contentsOf: url)
        #expect(loaded == archive)

        let file = try SafetensorsFile(url: url)
        #expect(file.names == Self.everyKind.keys.sorted())
        #expect(file.metadata == archive.metadata)
        #expect(try file.tensor("scalar").values(as: Double.self) == [42])
        #expect(try file.tensor("scalar").shape == [])
        #expect(try file.tensor("empty.middle").values(as: Int64.self) == [])
        #expect(try file.tensor("i32").values(as: Int32.self) == [.min, -1, 0, .max])
        #expect(try file.tensor("u8").values(as: UInt8.self) == [0, 1, 127, 128, 255, 9])
        let f32 = try file.tensor("f32").values(as: Float.self)
        #expect(f32[4] == 0 && f32[4].sign == .minus)
    }

    @Test func emptyArchiveRoundTrips() throws {
        let data = SafetensorsArchive().encoded()
        #expect(data.count == 16)
        let file = try SafetensorsFile(data: data, path: "empty")
        #expect(file.names.isEmpty && file.metadata.isEmpty)
    }

    @Test func encodingIsDeterministic() {
        var a = SafetensorsArchive(metadata: ["b": "2", "a": "1"])
        var b = SafetensorsArchive(metadata: ["a": "1", "b": "2"])
        for (name, tensor) in Self.everyKind { a[name] = tensor }
        for (name, tensor) in Self.everyKind.sorted(by: { $0.key > $1.key }) { b[name] = tensor }
        #expect(a.encoded() == b.encoded())
    }

    @Test func bytesOfASmallFileMatchTheSpecifiedLayout() throws {
        let archive = SafetensorsArchive(
            tensors: ["a": Tensor([1, 2, 3] as [UInt8], shape: [3]),
                      "b": Tensor([1.0, -2.0] as [Float], shape: [2])],
            metadata: ["k": "v"])
        // Metadata first, then larger elements first (b: F32 before a: U8), offsets relative to the data area.
        // These are also exactly the bytes `safetensors.numpy.save` (safetensors 0.8) writes for the same input.
        let json = #"{"__metadata__":{"k":"v"},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""a":{"dtype":"U8","shape":[3],"data_offsets":[8,11]}}"#
        #expect(json.utf8.count == 132)
        var expected: [UInt8] = [136, 0, 0, 0, 0, 0, 0, 0]               // header length, little-endian u64
        expected += Array(json.utf8) + [UInt8](repeating: 0x20, count: 4)  // JSON padded with spaces to 8
        expected += [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]      // 1.0f, -2.0f little-endian
        expected += [1, 2, 3]
        #expect([UInt8](archive.encoded()) == expected)
    }

    @Test func everyTensorStartsAtAMultipleOfItsElementSize() throws {
        let data = SafetensorsArchive(tensors: Self.everyKind).encoded()
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
        #expect(headerLength % 8 == 0)
        let file = try SafetensorsFile(data: data, path: "aligned")
        for (name, entry) in file.entries {
            #expect(entry.range.lowerBound % entry.dtype.byteSize == 0, "\(name) starts at \(entry.range.lowerBound)")
        }
    }

    @Test func fileWithEmptyTensorBeforeAnotherAtTheSameOffsetIsValid() throws {
        // The reference writer orders by alignment then name, so an empty F64 can share offset 0.
        let header = #"{"z":{"dtype":"F64","shape":[0],"data_offsets":[0,0]},"#
            + #""a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""m":{"dtype":"U8","shape":[0,4],"data_offsets":[8,8]}}"#
        let data = craftedFile(header: header, data: [UInt8](repeating: 0, count: 8))
        let file = try SafetensorsFile(data: data, path: "shared-offset")
        #expect(file.names == ["a", "m", "z"])
        #expect(try file.tensor("z").shape == [0])
        #expect(try file.tensor("a").values(as: Float.self) == [0, 0])
    }

    @Test func matrixConversionsKeepShapeAndValues() throws {
        let m = randomMatrix(rows: 3, cols: 5, seed: 1)
        let tensor = Tensor(m)
        #expect(tensor.dtype == .f32 && tensor.shape == [3, 5] && tensor.elementCount == 15)
        #expect(try tensor.matrix() == m)
        let cube = Tensor(m.storage + m.storage, shape: [2, 3, 5])
        #expect(try cube.matrix().shape == [2, 15])
        #expect(throws: TensorError.invalidShape([])) { try Tensor([1] as [Float], shape: []).matrix() }
        #expect(throws: TensorError.dtypeMismatch(expected: .f32, actual: .i32)) {
            try Tensor([1] as [Int32], shape: [1, 1]).matrix()
        }
        #expect(throws: TensorError.dtypeMismatch(expected: .f64, actual: .f32)) {
            try tensor.values(as: Double.self)
        }
    }

    @Test func rawByteInitialiserChecksShapeAndCount() throws {
        #expect(throws: TensorError.byteCountMismatch(dtype: .i32, shape: [2], expected: 8, actual: 7)) {
            try Tensor(dtype: .i32, shape: [2], bytes: [UInt8](repeating: 0, count: 7))
        }
        #expect(throws: TensorError.invalidShape([2, -1])) {
            try Tensor(dtype: .u8, shape: [2, -1], bytes: [])
        }
        #expect(throws: TensorError.invalidShape([1 << 40, 1 << 40])) {
            try Tensor(dtype: .u8, shape: [1 << 40, 1 << 40], bytes: [])
        }
        let raw = try Tensor(dtype: .i64, shape: [1], bytes: [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(try raw.values(as: Int64.self) == [1])
        #expect(Tensor.byteCount(dtype: .f64, shape: [2, 3]) == 48)
        #expect(Tensor.byteCount(dtype: .f64, shape: []) == 8)
    }

    @Test func partialReadsReturnTheRequestedElements() throws {
        let values = (0..<12).map(Float.init)
        let archive = SafetensorsArchive(tensors: [
            "grid": Tensor(values, shape: [4, 3]),
            "bytes": Tensor((0..<10).map(UInt8.init), shape: [10]),
        ])
        let file = try SafetensorsFile(data: archive.encoded(), path: "memory.safetensors")
        #expect(try file.elements("grid", range: 3..<6, as: Float.self) == [3, 4, 5])
        #expect(try file.elements("grid", range: 0..<12, as: Float.self) == values)
        #expect(try file.elements("grid", range: 12..<12, as: Float.self) == [])
        #expect(try file.elements("bytes", range: 7..<10, as: UInt8.self) == [7, 8, 9])
        let outOfRange = #expect(throws: SafetensorsError.self) {
            try file.elements("grid", range: 10..<13, as: Float.self)
        }
        #expect(outOfRange?.description == "memory.safetensors: tensor 'grid': elements 10..<13 out of 0..<12")
        let wrongType = #expect(throws: SafetensorsError.self) {
            try file.elements("bytes", range: 0..<1, as: Float.self)
        }
        #expect(wrongType?.reason == "tensor 'bytes': expected dtype F32, found U8")
    }

    @Test func requireNamesWhatIsWrong() throws {
        let archive = SafetensorsArchive(tensors: [
            "w": Tensor([Float](repeating: 1, count: 12), shape: [4, 3]),
            "b": Tensor([Float](repeating: 0, count: 3), shape: [3]),
        ])
        let file = try SafetensorsFile(data: archive.encoded(), path: "/models/model.safetensors")
        #expect(try file.require("w", dtype: .f32, shape: [4, 3]).range == 12..<60)
        #expect(try file.require("w", dtype: .f32).shape == [4, 3])

        let dtype = #expect(throws: SafetensorsError.self) { try file.require("w", dtype: .f64) }
        #expect(dtype?.description == "/models/model.safetensors: tensor 'w': expected dtype F64, found F32")
        let shape = #expect(throws: SafetensorsError.self) { try file.require("w", dtype: .f32, shape: [3, 4]) }
        #expect(shape?.description == "/models/model.safetensors: tensor 'w': expected shape [3, 4], found [4, 3]")
        let missing = #expect(throws: SafetensorsError.self) { try file.tensor("v") }
        #expect(missing?.description == "/models/model.safetensors: missing tensor 'v' (found: b, w)")
    }
}

/// Safetensors bytes from a hand-written header (padded to 8) and data area.
func craftedFile(header: String, data: [UInt8]) -> Data {
    var json = Array(header.utf8)
    while json.count % 8 != 0 { json.append(0x20) }
    var bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) }
    bytes += json + data
    return Data(bytes)
}
