#ifndef FORESIGHT_KERNELS_H
#define FORESIGHT_KERNELS_H

/// The constants of one Adam step: moment decays, bias corrections 1/(1-beta^t), step size,
/// denominator floor, coupled (L2) decay, and the decoupled decay's factor 1 - eta*lambda.
typedef struct {
    float beta1, beta2, c1, c2, eta, epsilon, l2, shrink;
} FSAdamConstants;

/// Updates `count` parameters `p` and Adam moments `m`, `v` from gradients `g` (no two overlap).
///
/// Each element gets the same IEEE operations in the same order as Adam's formula for one element
/// (no fused multiply-adds; correctly rounded square root), eight lanes at a time, so results do not
/// depend on the vector width or the buffer's length.
void fs_adam_update(float *p, const float *g, float *m, float *v, long count, FSAdamConstants k);

/// One predictive-coding inference step of `count` tanh value nodes, in place: v ← m v + (ε − f'(x) ⊙ back),
/// x ← x − γ v, then f(x) = tanh(x) and f'(x) = 1 − f(x)² at the new x (`fx`, `d`); no two buffers overlap.
///
/// Each element gets the IEEE operations of the scalar step (`ValueNodeUpdate` with FastMath's tanh) in the
/// same order, no fused multiply-adds, eight lanes at a time: the results equal the scalar loop's bit for bit.
void fs_value_node_update_tanh(float *x, float *fx, float *d, const float *eps, const float *back, float *velocity,
                               long count, float rate, float momentum);

/// y = tanh(x) for `count` elements, and f'(x) = 1 − y² into `derivative` unless it is NULL; no two buffers overlap.
///
/// FastMath's tanh (`TanhKernel`) element by element in eight lanes, the same IEEE operations in the same order:
/// the results equal the scalar loop's bit for bit.
void fs_tanh_forward(const float *x, float *y, float *derivative, long count);

#endif
