/// A scalar activation known at compile time: f(x) and f'(x) given y = f(x).
@usableFromInline
protocol ActivationKernel {
    static func value(_ x: Float) -> Float
    static func derivative(_ x: Float, value y: Float) -> Float
}

/// A loop to run with a concrete `ActivationKernel` (see `Activation.withKernel`).
protocol ActivationKernelBody {
    func run<Kernel: ActivationKernel>(_ kernel: Kernel.Type)
}

/// f(x) = x.
@usableFromInline
enum IdentityKernel: ActivationKernel {
    @inlinable @inline(__always) static func value(_ x: Float) -> Float { x }
    @inlinable @inline(__always) static func derivative(_ x: Float, value y: Float) -> Float { 1 }
}

/// f(x) = tanh(x), f' = 1 − y².
@usableFromInline
enum TanhKernel: ActivationKernel {
    @inlinable @inline(__always) static func value(_ x: Float) -> Float { FastMath.tanh(x) }
    @inlinable @inline(__always) static func derivative(_ x: Float, value y: Float) -> Float { 1 - y * y }
}

/// f(x) = max(0, x).
@usableFromInline
enum ReLUKernel: ActivationKernel {
    @inlinable @inline(__always) static func value(_ x: Float) -> Float { x > 0 ? x : 0 }
    @inlinable @inline(__always) static func derivative(_ x: Float, value y: Float) -> Float { x > 0 ? 1 : 0 }
}

/// f(x) = x for x > 0, `Activation.leakySlope`·x otherwise.
@usableFromInline
enum LeakyReLUKernel: ActivationKernel {
    @inlinable @inline(__always) static func value(_ x: Float) -> Float { x > 0 ? x : Activation.leakySlope * x }
    @inlinable @inline(__always) static func derivative(_ x: Float, value y: Float) -> Float { x > 0 ? 1 : Activation.leakySlope }
}

/// The tanh form of GELU, ½ x (1 + tanh(k (x + c x³))) with k = √(2/π), c = 0.044715.
@usableFromInline
enum GELUKernel: ActivationKernel {
    @usableFromInline static let k: Float = 0.797_884_56
    @usableFromInline static let c: Float = 0.044_715

    @inlinable @inline(__always)
    static func value(_ x: Float) -> Float {
        let t = FastMath.tanh(k * (x + c * x * x * x))
        return 0.5 * x * (1 + t)
    }

    @inlinable @inline(__always)
    static func derivative(_ x: Float, value y: Float) -> Float {
        let t = FastMath.tanh(k * (x + c * x * x * x))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * c * x * x)
    }
}
