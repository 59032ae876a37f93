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

/// The activations the lane kernels compute (the others run in Swift).
typedef enum {
    FSActivationTanh = 0,
    FSActivationReLU = 1,
} FSActivation;

/// One predictive-coding inference step of `count` value nodes, in place: v ← m v + (ε − f'(x) ⊙ back),
/// x ← x − γ v, then f(x) and f'(x) of `activation` at the new x (`fx`, `d`); no two buffers overlap.
///
/// Each element gets the IEEE operations of the scalar step (Learning's `ValueNodeUpdate` with the activation's
/// kernel, FastMath's tanh) in the same order, no fused multiply-adds, eight lanes at a time: the results equal
/// the scalar loop's bit for bit.
void fs_value_node_update(FSActivation activation, float *x, float *fx, float *d, const float *eps, const float *back,
                          float *velocity, long count, float rate, float momentum);

/// One inference step of `count` value nodes under the fixed-prediction assumption, in place:
/// v ← m v + (ε − f'(x) ⊙ back), x ← x − γ v, then ε = x − μ with μ and f'(x) held; no two buffers overlap.
///
/// The IEEE operations of the scalar step in the same order, no fused multiply-adds, eight lanes at a time.
void fs_value_node_update_fixed(float *x, float *eps, const float *mu, const float *d, const float *back, float *velocity,
                                long count, float rate, float momentum);

/// y = f(x) for `count` elements, and f'(x) into `derivative` unless it is NULL; no two buffers overlap.
///
/// Learning's scalar kernels element by element in eight lanes, the same IEEE operations in the same order:
/// the results equal the scalar loop's bit for bit.
void fs_activation_forward(FSActivation activation, const float *x, float *y, float *derivative, long count);

#endif
