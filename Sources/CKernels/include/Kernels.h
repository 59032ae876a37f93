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

#endif
