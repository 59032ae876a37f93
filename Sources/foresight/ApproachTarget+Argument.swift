import ArgumentParser
import Control

/// `--approach-target centre|goal-side` (`plan`).
extension ApproachTarget: ExpressibleByArgument {}
