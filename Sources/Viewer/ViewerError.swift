#if Viewer
/// What can stop the viewer, each with a message that says what to do.
public enum ViewerError: Error, CustomStringConvertible, Equatable {
    /// A bundled asset is missing or malformed: the file name and the problem.
    case asset(String, String)
    /// SDL found no display to open a window on.
    case noDisplay(String)
    /// An SDL call failed: the call and SDL's error text.
    case sdl(String, String)
    /// An output file could not be written.
    case output(String, String)
    /// A command-line choice the viewer cannot honour.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .asset(let name, let problem): "viewer asset \(name): \(problem)"
        case .noDisplay(let detail):
            "no display to open the viewer window on (\(detail)); set DISPLAY (for example run under `Xvfb :99` "
                + "with DISPLAY=:99) or render without a screen with SDL_VIDEODRIVER=offscreen"
        case .sdl(let call, let message): "\(call) failed: \(message)"
        case .output(let path, let problem): "cannot write \(path): \(problem)"
        case .invalidOption(let message): message
        }
    }
}
#endif
