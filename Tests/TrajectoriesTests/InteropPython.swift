import Foundation
import Testing

/// The Python interpreter with numpy and safetensors that the interop tests run, if any.
///
/// Looks at `FORESIGHT_PYTHON`, then `.build/pyenv/bin/python` (made by `scripts/python-env`),
/// then `python3` on the PATH. Under CI (`CI=true`) or when `FORESIGHT_PYTHON` is set, a
/// missing interpreter is a failure, not a skip.
enum InteropPython {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first working interpreter, or nil.
    static let interpreter: String? = {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["FORESIGHT_PYTHON"], !configured.isEmpty {
            candidates.append(configured)
        }
        candidates.append(packageRoot.appendingPathComponent(".build/pyenv/bin/python").path)
        candidates.append("python3")
        return candidates.first { candidate in
            (try? run(candidate, ["-c", "import numpy, safetensors.numpy"]).status) == 0
        }
    }()

    /// Whether a missing interpreter must fail the run.
    static var required: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || environment["FORESIGHT_PYTHON"] != nil
    }

    /// Whether to run the interop tests; prints why when they are skipped.
    static var shouldRun: Bool {
        if interpreter != nil || required { return true }
        print("note: Python interop tests SKIPPED: no Python with numpy and safetensors found "
              + "(run scripts/python-env and export FORESIGHT_PYTHON=<the path it prints>)")
        return false
    }

    /// The interpreter, or a recorded failure explaining how to get one.
    static func require() throws -> String {
        try #require(interpreter, """
            no Python with numpy and safetensors (CI=true or FORESIGHT_PYTHON is set, so this is a failure): \
            run scripts/python-env and export FORESIGHT_PYTHON=<the path it prints>
            """)
    }

    /// Runs `scripts/read-dataset.py` on `folder` and returns its JSON summary.
    static func readDataset(_ folder: URL) throws -> [String: Any] {
        let script = packageRoot.appendingPathComponent("scripts/read-dataset.py").path
        let result = try run(try require(), [script, folder.path])
        try #require(result.status == 0, "read-dataset.py failed: \(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    /// Runs `executable` (a path, or a name looked up on the PATH) and collects its output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("foresight-python-\(UUID().uuidString)")
        try Data().write(to: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), error)
    }
}
