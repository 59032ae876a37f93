/// The processes of one job and the collective operations they take part in together.
///
/// Layers below the CLI take a communicator as a parameter without knowing what carries it:
/// `SingleProcess` is the identity (one rank), and the CLI built with the `MPI` trait passes one
/// backed by MPI. Every rank must make the same collective calls in the same order with the same
/// sizes; a failed call throws (`CommunicatorError`) instead of waiting forever.
public protocol Communicator: Sendable {
    /// This process's number, 0 ..< `size`.
    var rank: Int { get }
    /// The number of processes in the job.
    var size: Int { get }
    /// Returns once every rank has called it.
    func barrier() throws
    /// Replaces `values` on every rank by their element-wise sum over the ranks (the same count on every rank).
    func allreduceSum(_ values: inout [Float]) throws
    /// Replaces `values` on every rank by their element-wise sum over the ranks (the same count on every rank).
    func allreduceSum(_ values: inout [Double]) throws
    /// Gives every rank `root`'s `bytes` (other ranks' `bytes` are replaced, whatever their length).
    func broadcast(_ bytes: inout [UInt8], from root: Int) throws
    /// Every rank's `bytes` in rank order, on every rank (the same count on every rank).
    func allgather(_ bytes: [UInt8]) throws -> [[UInt8]]
}

extension Communicator {
    /// Whether this rank writes the job's files and prints its results (rank 0).
    public var isLeader: Bool { rank == 0 }

    /// This rank's part of `count` items split into `size` consecutive near-equal parts.
    ///
    /// Part r is `count·r/size ..< count·(r+1)/size`, so the parts depend only on the counts and cover
    /// every item once.
    public func share(of count: Int) -> Range<Int> {
        (count * rank / size)..<(count * (rank + 1) / size)
    }

    /// Whether item `index` of a round-robin split is this rank's (`index % size == rank`).
    public func owns(_ index: Int) -> Bool {
        index % size == rank
    }

    /// The first item at or after `start` this rank owns in the round-robin split.
    public func firstOwned(from start: Int) -> Int {
        start + ((rank - start) % size + size) % size
    }

    /// The number of items of `range` this rank owns in the round-robin split.
    public func ownedCount(of range: Range<Int>) -> Int {
        max(0, (range.upperBound - firstOwned(from: range.lowerBound) + size - 1) / size)
    }

    /// Throws `CommunicatorError.diverged` unless `fingerprint` is the same on every rank.
    public func requireIdentical(_ fingerprint: UInt64, what: String) throws {
        guard size > 1 else { return }
        let all = try allgather(withUnsafeBytes(of: fingerprint.littleEndian) { Array($0) })
        if let other = all.firstIndex(where: { $0 != all[0] }) {
            throw CommunicatorError.diverged(rank: other, what: what)
        }
    }
}

/// A failure of a collective operation.
public enum CommunicatorError: Error, CustomStringConvertible, Equatable {
    /// The operation `operation` failed on this rank with the transport's message.
    case failed(operation: String, rank: Int, message: String)
    /// Rank `rank`'s copy of `what` differs from rank 0's.
    case diverged(rank: Int, what: String)

    public var description: String {
        switch self {
        case let .failed(operation, rank, message):
            return "\(operation) failed on rank \(rank): \(message) (another rank has probably stopped)"
        case let .diverged(rank, what):
            return "ranks diverged: rank \(rank)'s \(what) differs from rank 0's"
        }
    }
}

/// The job of one process: rank 0 of 1; every collective is the identity.
public struct SingleProcess: Communicator {
    /// The one-process job.
    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func barrier() {}
    public func allreduceSum(_ values: inout [Float]) {}
    public func allreduceSum(_ values: inout [Double]) {}
    public func broadcast(_ bytes: inout [UInt8], from root: Int) {}
    public func allgather(_ bytes: [UInt8]) -> [[UInt8]] { [bytes] }
}
