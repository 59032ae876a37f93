import Foundation

/// The files a run folder holds, and the check that keeps `train --force` from deleting anything else.
public enum RunFolder {
    /// Whether `name` is a file training, evaluation or planning writes into a run folder.
    static func isRunFile(_ name: String) -> Bool {
        RunCheckpointFile.allCases.contains { "\($0.rawValue).safetensors" == name }
            || ["metrics.csv", "report.html", StochasticModelFile.name, StochasticModelFile.metricsName].contains(name)
            || name.hasPrefix(".tmp-")
    }

    /// Fails unless `url` is absent, an empty folder, or a folder holding only a run's files, so replacing it loses
    /// nothing else (a dataset, notes, the working directory).
    public static func checkReplaceable(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw RunError.notARun(path: url.path, stranger: url.lastPathComponent) }
        let contents = try FileManager.default.contentsOfDirectory(atPath: url.path)
        if let stranger = contents.sorted().first(where: { !isRunFile($0) }) {
            throw RunError.notARun(path: url.path, stranger: stranger)
        }
    }
}
