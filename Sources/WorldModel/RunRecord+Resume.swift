import Foundation

extension WorldModelConfig {
    /// Each field as JSON text, by its name in the run record (`forwardEpochs`), to compare configs field by field.
    func fieldTexts() -> [String: String] {
        guard let data = try? JSONEncoder().encode(self),
              let fields = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return fields.compactMapValues { value in
            (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
                .map { String($0.dropFirst().dropLast()) }
        }
    }
}

extension RunRecord {
    /// Throws `RunError.resumeMismatch` naming the checkpoint `path` when a resumed run would continue differently from how it was started: on another
    /// dataset than the one it records, or with a config field the command asks for (`requested` differs from the
    /// command's `defaults` there) set to another value than the run's.
    ///
    /// A dataset that moved keeps the run's manifest CRC-32 and is accepted; the recorded folder with another manifest
    /// is `RunError.changed`.
    public func checkResumable(on dataset: RunDataset, requested: WorldModelConfig?, defaults: WorldModelConfig, at path: String) throws {
        if let recorded = self.dataset {
            guard recorded.names(dataset.reference) else {
                throw RunError.resumeMismatch(path: path, field: "dataset", recorded: recorded.absolutePath,
                                              requested: dataset.reference.absolutePath)
            }
            try dataset.requireUnchanged(since: recorded)
        }
        guard let requested else { return }
        let asked = requested.fieldTexts(), standard = defaults.fieldTexts(), run = config.fieldTexts()
        for field in asked.keys.sorted() where asked[field] != standard[field] && asked[field] != run[field] {
            throw RunError.resumeMismatch(path: path, field: "config.\(field)", recorded: run[field] ?? "nothing", requested: asked[field]!)
        }
    }
}
