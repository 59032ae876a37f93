import Foundation
import Testing
import TensorCore
import TestSupport

@Suite("AtomicFile: temporary file, then rename")
struct AtomicFileTests {
    @Test func writeReplacesTheFileAndLeavesNoTemporaryFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("model.safetensors")
        try AtomicFile.write(Data("first, longer contents".utf8), to: url)
        try AtomicFile.write(Data("second".utf8), to: url)
        #expect(try Data(contentsOf: url) == Data("second".utf8))
        #expect(try directory.contents() == ["model.safetensors"])
    }

    @Test func failedRenameLeavesTheDestinationAndNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The destination is a non-empty directory, so the final rename fails.
        let destination = directory.file("occupied")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: destination.appendingPathComponent("inside"))
        let error = #expect(throws: AtomicFileError.self) {
            try AtomicFile.write(Data("new".utf8), to: destination)
        }
        #expect(error?.path == destination.path)
        #expect(try Data(contentsOf: destination.appendingPathComponent("inside")) == Data("keep".utf8))
        #expect(try directory.contents() == ["occupied"])
    }

    @Test func writeIntoAMissingDirectoryThrowsNamingThePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("absent/model.safetensors")
        let error = #expect(throws: AtomicFileError.self) { try AtomicFile.write(Data([1]), to: url) }
        #expect(error?.description.hasPrefix("could not write \(url.path)") == true)
    }

    /// Root ignores directory permissions, so this runs only for ordinary users.
    @Test(.enabled(if: geteuid() != 0, "root can write into read-only directories"))
    func failedWriteIntoReadOnlyDirectoryKeepsTheOldFile() throws {
        let directory = try TemporaryDirectory()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
            directory.remove()
        }
        let url = directory.file("data.safetensors")
        let old = SafetensorsArchive(tensors: ["x": Tensor([1, 2] as [Float], shape: [2])])
        try old.write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.url.path)
        let new = SafetensorsArchive(tensors: ["x": Tensor([3, 4] as [Float], shape: [2])])
        #expect(throws: AtomicFileError.self) { try new.write(to: url) }
        #expect(try SafetensorsArchive(contentsOf: url) == old)
        #expect(try directory.contents() == ["data.safetensors"])
    }
}
