import Foundation
import Testing
import TensorCore

@Suite("JSON decoding problems: the field and what was expected, in words")
struct JSONDecodingProblemTests {
    struct Shard: Codable { var episodes: Int }
    enum Phase: Int, Codable { case first, second }
    struct Document: Codable {
        var seed: UInt64
        var name: String
        var shards: [Shard]
        var phase: Phase
    }

    func problem(_ json: String) throws -> JSONDecodingProblem {
        let data = Data(json.utf8)
        let error = try #require(throws: DecodingError.self) { try JSONDecoder().decode(Document.self, from: data) }
        return JSONDecodingProblem(error, decoding: Document.self, from: data)
    }

    @Test func aNumberThatDoesNotFitIsFoundAtAnyDepth() throws {
        let seed = try problem(#"{"seed": -1, "name": "a", "shards": [{"episodes": 2}], "phase": 0}"#)
        #expect(seed.field == "seed" && seed.reason.hasPrefix("a number does not fit its field"), "\(seed)")
        let nested = try problem(#"{"seed": 1, "name": "a", "shards": [{"episodes": 2}, {"episodes": 2.5}], "phase": 0}"#)
        #expect(nested.field == "shards[1].episodes", "\(nested)")
    }

    @Test(arguments: [
        (#"{"seed": 1, "name": 3, "shards": [], "phase": 0}"#, "name", "expected text"),
        (#"{"seed": 1, "name": "a", "shards": [{}], "phase": 0}"#, "shards[0].episodes", "missing"),
        (#"{"seed": 1, "name": "a", "shards": [], "phase": 7}"#, "phase", "7 is not one of the allowed values"),
        (#"{"seed": 1,"#, nil, "not valid JSON"),
    ])
    func typesMissingKeysAndUnknownCasesAreNamedInWords(json: String, field: String?, reason: String) throws {
        let found = try problem(json)
        #expect(found.field == field && found.reason == reason, "\(found)")
    }
}
