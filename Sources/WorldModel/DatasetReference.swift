/// Where a run's training dataset is and what its manifest was, as recorded in the run (`RunRecord.dataset`).
public struct DatasetReference: Codable, Sendable, Equatable {
    /// The dataset folder as given to `train` (relative to the working directory then, or absolute).
    public var path: String
    /// The same folder as an absolute path.
    public var absolutePath: String
    /// The CRC-32 of the dataset's `manifest.json` when training began.
    public var manifestCRC32: UInt32

    public init(path: String, absolutePath: String, manifestCRC32: UInt32) {
        self.path = path
        self.absolutePath = absolutePath
        self.manifestCRC32 = manifestCRC32
    }

    /// Whether `other` is the dataset this reference names: the same manifest (a copy or a move keeps it), or the same
    /// folder (whose manifest may have changed since).
    public func names(_ other: DatasetReference) -> Bool {
        manifestCRC32 == other.manifestCRC32 || absolutePath == other.absolutePath
    }

    /// The record's field holding `manifestCRC32`, for error messages.
    static let checksumField = "dataset.manifestCRC32"
}
