import Foundation

/// Writes files so that readers only ever see the old contents or the complete new ones.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, flushes it, then renames it into place.
    ///
    /// An interrupted write leaves at most a stray `.tmp-*` file; the previous file at
    /// `url`, if any, stays intact until the rename.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            ".tmp-\(url.lastPathComponent)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        StagedFiles.register(temporary)
        defer { StagedFiles.unregister(temporary) }
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
            } catch {
                try? handle.close()
                throw error
            }
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicFileError(path: url.path, underlying: "\(error)")
        }
    }
}

/// A file could not be written atomically.
public struct AtomicFileError: Error, CustomStringConvertible {
    /// The destination path.
    public let path: String
    /// What went wrong.
    public let underlying: String

    public var description: String { "could not write \(path): \(underlying)" }
}
