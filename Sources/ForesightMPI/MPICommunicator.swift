#if MPI
import CMPI
import Glibc
import TensorCore

/// The ranks of an MPI job (`MPI_COMM_WORLD`), through Open MPI.
///
/// Errors come back as return codes (`MPI_ERRORS_RETURN`) and are thrown as
/// `CommunicatorError.failed`, naming the operation and this rank; when a rank dies, the launcher
/// (`mpirun`) ends the others. Create one per process, after nothing else has started MPI, and call
/// `finish()` (or `abort`) before exiting.
public final class MPICommunicator: Communicator, @unchecked Sendable {
    public let rank: Int
    public let size: Int
    private let world = cmpi_comm_world()

    /// Starts MPI (`MPI_Init`) and reads this process's rank and the job's size.
    ///
    /// Unless the environment chooses otherwise, ranks on one machine exchange messages through Open MPI's
    /// shared-memory buffers rather than its cross-memory attach (`btl_vader_single_copy_mechanism=none`): a
    /// training step's gradients (a few hundred KB) then sum about twice as fast (docs/distributed.md).
    public init() throws {
        setenv("OMPI_MCA_btl_vader_single_copy_mechanism", "none", 0)
        try Self.check(MPI_Init(nil, nil), "MPI_Init", rank: -1)
        let world = cmpi_comm_world()
        try Self.check(MPI_Comm_set_errhandler(world, cmpi_errors_return()), "MPI_Comm_set_errhandler", rank: -1)
        var rank: Int32 = 0, size: Int32 = 0
        try Self.check(MPI_Comm_rank(world, &rank), "MPI_Comm_rank", rank: -1)
        try Self.check(MPI_Comm_size(world, &size), "MPI_Comm_size", rank: Int(rank))
        self.rank = Int(rank)
        self.size = Int(size)
    }

    /// Whether this process was started by Open MPI's launcher (`mpirun`, `mpiexec`).
    public static var isLaunchedByMPI: Bool {
        getenv("OMPI_COMM_WORLD_SIZE") != nil
    }

    public func barrier() throws {
        try check(MPI_Barrier(world), "MPI_Barrier")
    }

    public func allreduceSum(_ values: inout [Float]) throws {
        let count = try Self.count(values.count)
        try check(values.withUnsafeMutableBytes { MPI_Allreduce(cmpi_in_place(), $0.baseAddress, count, cmpi_float(), cmpi_sum(), world) },
                  "MPI_Allreduce")
    }

    public func allreduceSum(_ values: inout [Double]) throws {
        let count = try Self.count(values.count)
        try check(values.withUnsafeMutableBytes { MPI_Allreduce(cmpi_in_place(), $0.baseAddress, count, cmpi_double(), cmpi_sum(), world) },
                  "MPI_Allreduce")
    }

    public func broadcast(_ bytes: inout [UInt8], from root: Int) throws {
        var length = Int64(bytes.count)
        try check(MPI_Bcast(&length, 1, cmpi_int64(), Int32(root), world), "MPI_Bcast")
        if rank != root { bytes = [UInt8](repeating: 0, count: Int(length)) }
        let count = try Self.count(bytes.count)
        try check(bytes.withUnsafeMutableBytes { MPI_Bcast($0.baseAddress, count, cmpi_byte(), Int32(root), world) }, "MPI_Bcast")
    }

    public func allgather(_ bytes: [UInt8]) throws -> [[UInt8]] {
        let count = try Self.count(bytes.count)
        var all = [UInt8](repeating: 0, count: bytes.count * size)
        try check(bytes.withUnsafeBytes { mine in
            all.withUnsafeMutableBytes { MPI_Allgather(mine.baseAddress, count, cmpi_byte(), $0.baseAddress, count, cmpi_byte(), world) }
        }, "MPI_Allgather")
        return (0..<size).map { Array(all[($0 * bytes.count)..<(($0 + 1) * bytes.count)]) }
    }

    /// Ends MPI for this process (`MPI_Finalize`); every rank calls it once, last.
    public func finish() throws {
        try check(MPI_Finalize(), "MPI_Finalize")
    }

    /// Ends the whole job with exit status `code` (`MPI_Abort`): the launcher stops every other rank.
    public func abort(code: Int32) -> Never {
        MPI_Abort(world, code)
        exit(code)
    }

    private func check(_ code: Int32, _ operation: String) throws {
        try Self.check(code, operation, rank: rank)
    }

    private static func check(_ code: Int32, _ operation: String, rank: Int) throws {
        guard code != MPI_SUCCESS else { return }
        var text = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &text, &length)
        throw CommunicatorError.failed(operation: operation, rank: rank, message: String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// `count` as MPI's element count, or an error if it does not fit.
    private static func count(_ count: Int) throws -> Int32 {
        guard let count = Int32(exactly: count) else {
            throw CommunicatorError.failed(operation: "MPI count", rank: -1, message: "\(count) elements exceed one MPI call")
        }
        return count
    }
}
#endif
