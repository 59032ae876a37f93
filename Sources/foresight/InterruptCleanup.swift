import Dispatch
import Foundation
import Synchronization
import TensorCore

/// Removes what the process has staged (`StagedFiles`) when SIGINT or SIGTERM arrives, then exits 128 + signal.
///
/// Removing staged files makes the command fail where it was writing them; `holdIfInterrupted` keeps that failure
/// (or a success that raced the signal) from exiting first with another status.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let interrupted = Atomic<Bool>(false)

    /// Installs the handlers (once, before a command runs).
    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                interrupted.store(true, ordering: .sequentiallyConsistent)
                let removed = StagedFiles.removeAll()
                let note = removed.isEmpty ? "" : " (removed \(removed.count) unfinished file\(removed.count == 1 ? "" : "s"))"
                FileHandle.standardError.write(Data("\nforesight: interrupted\(note)\n".utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits for the signal handler to exit when a signal has arrived; returns at once otherwise.
    static func holdIfInterrupted() {
        while interrupted.load(ordering: .sequentiallyConsistent) { sleep(1) }
    }
}
