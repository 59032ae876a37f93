#include "LaneMath.h"

static inline void activation_at(long i, long n, FSActivation activation, const float *x, float *y, float *derivative) {
    Lanes xi, yi, di;
    load_lanes(&xi, x + i, n);
    activate(activation, &xi, &yi, &di);
    store_lanes(y + i, &yi, n);
    if (derivative) store_lanes(derivative + i, &di, n);
}

// One build for every x86-64; AVX2 machines get 8-lane instructions (the same results, lane by lane).
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_activation_forward(FSActivation activation, const float *x, float *y, float *derivative, long count) {
    FOR_EACH_LANES(count, activation_at, activation, x, y, derivative);
}
