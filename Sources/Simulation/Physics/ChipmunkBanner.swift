import CChipmunk
import Foundation

/// Keeps the banner of Debian's debug libchipmunk ("Initializing cpSpace ...") off stdout.
///
/// The library prints it once per process, at the first `cpSpaceNew`. The first call of
/// `newSpace()` creates and frees one space with file descriptor 1 pointed at /dev/null
/// (stdio flushed before and after), so callers' stdout never sees the banner.
enum ChipmunkBanner {
    private static let silenced: Void = {
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        let devNull = open("/dev/null", O_WRONLY)
        if saved >= 0, devNull >= 0 { dup2(devNull, STDOUT_FILENO) }
        cpSpaceFree(cpSpaceNew())
        fflush(nil)
        if saved >= 0 {
            dup2(saved, STDOUT_FILENO)
            close(saved)
        }
        if devNull >= 0 { close(devNull) }
    }()

    /// A new Chipmunk space, the banner already swallowed.
    static func newSpace() -> OpaquePointer {
        _ = silenced
        return cpSpaceNew()
    }
}
