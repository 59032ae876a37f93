import ArgumentParser
import Testing
@testable import foresight

/// `train --pixel-hidden` and `--forward-hidden`: comma-separated widths reach the config (the default unchanged), and a
/// width that is not a positive integer is refused naming its option.
@Suite struct HiddenWidthOptionsTests {
    @Test func theWidthsReachTheConfig() throws {
        let config = try TrainingOptions.parse(["--encoder", "slots", "--pixel-hidden", "32, 16", "--forward-hidden", "64"]).config()
        #expect(config.pixelHidden == [32, 16] && config.forwardHidden == [64])
        #expect(try TrainingOptions.parse([]).config().pixelHidden == [16])
    }

    @Test(arguments: [("--pixel-hidden", "32,0"), ("--pixel-hidden", "wide"), ("--forward-hidden", "-4")])
    func aWidthThatIsNotAPositiveIntegerIsRefused(option: String, value: String) throws {
        let options = try TrainingOptions.parse(["\(option)=\(value)"])
        #expect { try options.config() } throws: { error in
            "\(error)".contains(option) && "\(error)".contains(value)
        }
    }
}
