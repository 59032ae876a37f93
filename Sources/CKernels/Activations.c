#include "LaneMath.h"

// One build for every x86-64; AVX2 machines get 8-lane instructions (the same results, lane by lane).
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_activation_forward(FSActivation activation, const float *x, float *y, float *derivative, long count) {
    long i = 0;
    for (; i + LANE_COUNT <= count; i += LANE_COUNT) {
        Lanes xi, yi, di;
        memcpy(&xi, x + i, sizeof xi);
        activate(activation, &xi, &yi, &di);
        memcpy(y + i, &yi, sizeof yi);
        if (derivative) memcpy(derivative + i, &di, sizeof di);
    }
    long tail = count - i;
    if (tail == 0) return;
    Lanes xi = 0, yi, di;
    memcpy(&xi, x + i, tail * sizeof(float));
    activate(activation, &xi, &yi, &di);
    memcpy(y + i, &yi, tail * sizeof(float));
    if (derivative) memcpy(derivative + i, &di, tail * sizeof(float));
}
