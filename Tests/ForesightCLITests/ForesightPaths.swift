import Foundation

/// Files of the package the CLI tests hand to the binary.
enum ForesightPaths {
    /// The shipped world file `worlds/NAME.yaml`.
    static func world(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("worlds/\(name).yaml").path
    }
}
