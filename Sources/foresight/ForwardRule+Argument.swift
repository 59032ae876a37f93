import ArgumentParser
import WorldModel

/// `--rule pc|bp`.
extension ForwardRule: ExpressibleByArgument {}
