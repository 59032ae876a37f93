import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
///
/// Tests that write files create one each, so they can run in parallel.
public struct TemporaryDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// Creates a uniquely named directory whose name starts with `prefix`.
    public init(prefix: String = "foresight-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The URL of `name` inside the directory.
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// The names of the files in the directory, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
