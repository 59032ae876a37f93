#ifndef FORESIGHT_LANE_MATH_H
#define FORESIGHT_LANE_MATH_H

// Eight-lane float arithmetic shared by the kernels: FastMath's exp and tanh and the activations, lane by lane.

#include "Kernels.h"
#include <string.h>

// Bit-for-bit results on every machine, the scalar Swift code's: never fuse a multiply with an add.
#pragma clang fp contract(off)

typedef float Lanes __attribute__((ext_vector_type(8)));
typedef unsigned int Bits __attribute__((ext_vector_type(8)));
enum { LANE_COUNT = 8 };

// Vectors go by pointer between these helpers (by value they would change the ABI between the clones).

// The lanes of `from[0 ..< n]`, n ≤ LANE_COUNT, the others zero (a buffer's tail).
static inline void load_lanes(Lanes *lanes, const float *from, long n) {
    if (n == LANE_COUNT) {
        memcpy(lanes, from, sizeof *lanes);
    } else {
        *lanes = (Lanes)0.0f;
        memcpy(lanes, from, (size_t)n * sizeof(float));
    }
}

// Writes the first `n` lanes, n ≤ LANE_COUNT, to `to[0 ..< n]`.
static inline void store_lanes(float *to, const Lanes *lanes, long n) {
    memcpy(to, lanes, (size_t)n * sizeof(float));
}

// Runs `step(i, n, ...)` over `count` elements: on whole lanes (n = LANE_COUNT, so the loads and stores fold to
// plain vector moves), then once on the tail. `step` loads its lanes with `load_lanes` and stores with `store_lanes`.
#define FOR_EACH_LANES(count, step, ...)                                   \
    do {                                                                   \
        long i_ = 0;                                                       \
        for (; i_ + LANE_COUNT <= (count); i_ += LANE_COUNT)               \
            step(i_, LANE_COUNT, __VA_ARGS__);                             \
        if (i_ < (count)) step(i_, (count) - i_, __VA_ARGS__);             \
    } while (0)

// Lane by lane `mask ? a : b` (mask lanes all ones or all zeros), on the bits so that NaNs pass unchanged.
#define CHOOSE(mask, a, b) ((Lanes)(((Bits)(mask) & (Bits)(a)) | (~(Bits)(mask) & (Bits)(b))))

// FastMath.exp, lane by lane: the same clamp (Swift's min/max, so a NaN stays NaN), range reduction,
// degree-6 polynomial and exponent bits.
static inline void fast_exp(const Lanes *x, Lanes *out) {
    Lanes low = -87.0f, high = 88.0f;
    Lanes raised = CHOOSE(low >= *x, low, *x);
    Lanes clamped = CHOOSE(high < raised, high, raised);
    Lanes shifted = clamped * 1.44269504f + 12582912.0f;
    Lanes n = shifted - 12582912.0f;
    Lanes g = (clamped - n * 0.693359375f) + n * 2.1219444e-4f;
    Lanes p = 1.0f / 720.0f;
    p = p * g + 1.0f / 120.0f;
    p = p * g + 1.0f / 24.0f;
    p = p * g + 1.0f / 6.0f;
    p = p * g + 0.5f;
    p = p * g + 1.0f;
    p = p * g + 1.0f;
    Bits exponent = ((Bits)shifted - 0x4B400000u + 127u) << 23;
    *out = p * (Lanes)exponent;
}

// FastMath.tanh, lane by lane: 1 - 2 / (e^{2x} + 1).
static inline void fast_tanh(const Lanes *x, Lanes *out) {
    Lanes twice = 2.0f * *x, e;
    fast_exp(&twice, &e);
    *out = 1.0f - 2.0f / (e + 1.0f);
}

// f(x) and f'(x) of `activation` lane by lane, as Learning's kernels compute them (tanh: FastMath's, with
// f' = 1 − f²; ReLU: x > 0 ? x : 0 and x > 0 ? 1 : 0, so a NaN gives 0 and 0).
static inline void activate(FSActivation activation, const Lanes *x, Lanes *y, Lanes *d) {
    if (activation == FSActivationTanh) {
        fast_tanh(x, y);
        *d = 1.0f - *y * *y;
    } else {
        Lanes zero = 0.0f, one = 1.0f;
        Bits positive = (Bits)(*x > zero);
        *y = CHOOSE(positive, *x, zero);
        *d = CHOOSE(positive, one, zero);
    }
}

#endif
