import Foundation
import TensorCore
#if MPI
import ForesightMPI
#endif

/// Runs a command in one process, or on every rank of an MPI job when built with the `MPI` trait and
/// started by `mpirun`.
enum DistributedJob {
    /// The help paragraph of the commands that run across processes.
    static var help: String {
        #if MPI
        return "Across processes and machines: `mpirun -np N foresight ...` splits the work over N ranks "
            + "(see docs/distributed.md)."
        #else
        return "Across processes and machines: build with the MPI trait (`swift build -c release --traits Viewer,MPI`, "
            + "needs libopenmpi-dev) and start with `mpirun -np N foresight ...` (see docs/distributed.md)."
        #endif
    }

    /// Runs `body` with this process's communicator: MPI's under `mpirun`, otherwise a single process.
    ///
    /// In an MPI job an error on any rank ends the whole job: the rank removes what it staged, says on
    /// stderr which rank failed and why, and aborts (`MPI_Abort`), so no rank waits forever.
    static func run(_ body: (any Communicator) throws -> Void) throws {
        #if MPI
        if MPICommunicator.isLaunchedByMPI {
            let communicator = try MPICommunicator()
            do {
                try body(communicator)
            } catch {
                StagedFiles.removeAll()
                FileHandle.standardError.write(Data("foresight: rank \(communicator.rank) of \(communicator.size) failed: \(error)\n".utf8))
                communicator.abort(code: 1)
            }
            try communicator.finish()
            return
        }
        #endif
        try body(SingleProcess())
    }

    /// Worker threads per process by default: the cores shared among the ranks on this machine.
    static var threadsPerRank: Int {
        let ranksHere = ProcessInfo.processInfo.environment["OMPI_COMM_WORLD_LOCAL_SIZE"].flatMap(Int.init) ?? 1
        return max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, ranksHere))
    }
}
