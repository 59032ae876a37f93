import Dispatch
import Foundation
import TensorCore

/// Removes what the process has staged (`StagedFiles`) when SIGINT or SIGTERM arrives, then exits 128 + signal.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once, before a command runs).
    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let removed = StagedFiles.removeAll()
                let note = removed.isEmpty ? "" : " (removed \(removed.count) unfinished file\(removed.count == 1 ? "" : "s"))"
                FileHandle.standardError.write(Data("\nforesight: interrupted\(note)\n".utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
