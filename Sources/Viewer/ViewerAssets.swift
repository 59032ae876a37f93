#if Viewer
import Foundation

/// Files the viewer loads at run time from its resource bundle (`assets/` at the repository top).
enum ViewerAssets {
    /// The URL of a file in the bundled `Resources` folder.
    static func url(_ name: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ViewerError.asset(name, "the viewer's resource bundle has no Resources folder")
        }
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ViewerError.asset(name, "missing from \(folder.path)")
        }
        return url
    }

    /// The contents of a bundled text file.
    static func text(_ name: String) throws -> String {
        let url = try url(name)
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ViewerError.asset(name, "unreadable at \(url.path): \(error)")
        }
    }
}
#endif
