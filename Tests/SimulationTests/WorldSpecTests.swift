import Foundation
import Testing
@testable import Simulation

@Suite struct BuiltInWorldTests {
    @Test(arguments: WorldSpec.builtInNames)
    func loads(name: String) throws {
        let spec = try WorldSpec.builtIn(named: name)
        #expect(spec.name == name)
    }
}
