import Foundation
import Yams

extension WorldSpec {
    /// The names of the worlds shipped with Foresight (files `worlds/NAME.yaml`).
    public static let builtInNames = ["push", "arm", "diffdrive", "push-tee"]

    /// Loads and validates a world file.
    ///
    /// - Throws: `WorldSpecError` naming the file, the field path, the line and what was expected.
    public static func load(from url: URL) throws -> WorldSpec {
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular {
            throw WorldSpecError(kind: .notFound, file: url.path, path: "", line: nil,
                                 problem: type == .typeDirectory ? "is a folder, not a world file (give a .yaml file)"
                                     : "is not a regular file (a device, pipe or socket), not a world file")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw WorldSpecError(kind: .notFound, file: url.path, path: "", line: nil,
                                 problem: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: url.path)
    }

    /// Loads one of the built-in worlds (`builtInNames`), embedded in the module's resources.
    public static func builtIn(named name: String) throws -> WorldSpec {
        guard builtInNames.contains(name),
              let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Worlds") else {
            throw WorldSpecError(kind: .notFound, file: "<built-in>/\(name).yaml", path: "", line: nil,
                                 problem: "no built-in world named '\(name)' (expected one of: \(builtInNames.joined(separator: ", ")))")
        }
        return try load(from: url)
    }

    /// Loads a built-in world by name, or a world file when `nameOrPath` ends in `.yaml`/`.yml` or contains `/`.
    public static func named(_ nameOrPath: String) throws -> WorldSpec {
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") || nameOrPath.contains("/") {
            return try load(from: URL(fileURLWithPath: nameOrPath))
        }
        return try builtIn(named: nameOrPath)
    }

    /// Parses and validates world YAML; `file` names the source in errors.
    public static func parse(yaml: String, file: String) throws -> WorldSpec {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw WorldSpecError.syntax(error, file: file)
        }
        guard let root else {
            throw WorldSpecError(kind: .missingField, file: file, path: "", line: nil, problem: "the file is empty")
        }
        return try WorldSpec(yaml: YAMLField(node: root, path: "", file: file))
    }
}

extension WorldSpecError {
    /// A syntax error from Yams, with the line it reports.
    static func syntax(_ error: YamlError, file: String) -> WorldSpecError {
        var line: Int?
        var problem = "invalid YAML"
        switch error {
        case let .scanner(context, text, mark, _), let .parser(context, text, mark, _),
             let .composer(context, text, mark, _):
            line = mark.line
            problem = "invalid YAML: \(text)" + (context.map { " \($0.text)" } ?? "")
        case let .duplicatedKeysInMapping(duplicates, context):
            line = context.mark.line
            problem = "invalid YAML: duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            problem = "invalid YAML: \(error)"
        }
        return WorldSpecError(kind: .syntax, file: file, path: "", line: line, problem: problem)
    }
}
