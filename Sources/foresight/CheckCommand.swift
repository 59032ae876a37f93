import ArgumentParser
import Foundation
import WorldModel

/// `foresight check`: validates a world file, a dataset or a run, for data received from others.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a world file, a dataset folder or a run folder; say what is wrong, or what it holds.",
        discussion: """
            A world file is parsed and validated as `simulate` does; a dataset's manifest, every shard's CRC-32 and \
            every state, lidar and action value are checked; a run's checkpoints are loaded (checksum, limits, \
            tensors against the config) and the dataset it records is checked too when present. Exit status 0 when \
            valid, 1 when not.
            """)

    @Argument(help: ArgumentHelp("A world file, dataset folder, run folder or checkpoint (.safetensors).", valueName: "path"))
    var path: String

    func run() throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("\(path): no such file or folder")
        }
        guard let kind = PathCheck.kind(of: url) else {
            throw CheckFailure("\(path): neither a world file, a dataset (no manifest.json) nor a run (no best.safetensors "
                               + "or last.safetensors)")
        }
        for (index, line) in try PathCheck.check(url, as: kind).enumerated() {
            print(index == 0 ? "ok: \(line)" : "    \(line)")
        }
    }
}

/// A check that found the path unusable, printed as it is.
struct CheckFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
