/// The element types Foresight stores in safetensors files.
public enum DType: String, Sendable, CaseIterable, Codable {
    case f32 = "F32"
    case f64 = "F64"
    case u8 = "U8"
    case i32 = "I32"
    case i64 = "I64"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .u8: return 1
        case .f32, .i32: return 4
        case .f64, .i64: return 8
        }
    }
}

/// Scalar types that can be stored in a `Tensor` (little-endian, as safetensors requires).
public protocol TensorElement: Sendable {
    /// The safetensors dtype of this Swift type.
    static var dtype: DType { get }
}

extension Float: TensorElement { public static var dtype: DType { .f32 } }
extension Double: TensorElement { public static var dtype: DType { .f64 } }
extension UInt8: TensorElement { public static var dtype: DType { .u8 } }
extension Int32: TensorElement { public static var dtype: DType { .i32 } }
extension Int64: TensorElement { public static var dtype: DType { .i64 } }

/// An n-dimensional array of one dtype, held as raw little-endian bytes.
public struct Tensor: Equatable, Sendable {
    /// The element type.
    public let dtype: DType
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The raw little-endian element bytes (`shape.product * dtype.byteSize` of them).
    public let bytes: [UInt8]

    /// The number of elements the shape describes.
    public var elementCount: Int { shape.reduce(1, *) }

    /// Creates a tensor from raw bytes; fails if the byte count does not fit dtype and shape.
    public init(dtype: DType, shape: [Int], bytes: [UInt8]) throws {
        guard let expected = Tensor.byteCount(dtype: dtype, shape: shape) else {
            throw TensorError.invalidShape(shape)
        }
        guard bytes.count == expected else {
            throw TensorError.byteCountMismatch(dtype: dtype, shape: shape, expected: expected, actual: bytes.count)
        }
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// Creates a tensor holding `values` with `shape` (the element count must match).
    public init<T: TensorElement>(_ values: [T], shape: [Int]) {
        precondition(shape.reduce(1, *) == values.count,
                     "Tensor shape \(shape) needs \(shape.reduce(1, *)) elements, got \(values.count)")
        self.dtype = T.dtype
        self.shape = shape
        self.bytes = values.withUnsafeBytes { Array($0) }
    }

    /// Creates a 2-D `F32` tensor from a matrix.
    public init(_ matrix: Matrix) {
        self.init(matrix.storage, shape: matrix.shape)
    }

    /// The elements as `T`; throws if the dtype is not `T`'s.
    public func values<T: TensorElement>(as type: T.Type = T.self) throws -> [T] {
        guard dtype == T.dtype else {
            throw TensorError.dtypeMismatch(expected: T.dtype, actual: dtype)
        }
        let count = elementCount
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            }
            initialized = count
        }
    }

    /// The number of bytes a `dtype` tensor of `shape` holds, or nil if a dimension is
    /// negative or the count overflows `Int`.
    public static func byteCount(dtype: DType, shape: [Int]) -> Int? {
        var count = dtype.byteSize
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// The tensor as a matrix: `F32`, viewed as `[shape[0], product of the rest]`.
    public func matrix() throws -> Matrix {
        guard !shape.isEmpty else { throw TensorError.invalidShape(shape) }
        let cols = shape.dropFirst().reduce(1, *)
        return Matrix(rows: shape[0], cols: cols, elements: try values(as: Float.self))
    }
}

/// Why a tensor could not be built or read as requested.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    case invalidShape([Int])
    case byteCountMismatch(dtype: DType, shape: [Int], expected: Int, actual: Int)
    case dtypeMismatch(expected: DType, actual: DType)

    public var description: String {
        switch self {
        case .invalidShape(let shape):
            return "invalid tensor shape \(shape)"
        case let .byteCountMismatch(dtype, shape, expected, actual):
            return "\(dtype.rawValue) tensor of shape \(shape) needs \(expected) bytes, got \(actual)"
        case let .dtypeMismatch(expected, actual):
            return "expected dtype \(expected.rawValue), found \(actual.rawValue)"
        }
    }
}
