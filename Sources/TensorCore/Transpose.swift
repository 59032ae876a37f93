import CBLAS

/// Whether a GEMM/GEMV operand is used as stored or transposed.
public enum Transpose: Sendable, CaseIterable {
    /// Use the matrix as stored.
    case none
    /// Use the transpose of the stored matrix.
    case transposed

    @usableFromInline
    var cblas: CBLAS_TRANSPOSE {
        switch self {
        case .none: return CblasNoTrans
        case .transposed: return CblasTrans
        }
    }
}
