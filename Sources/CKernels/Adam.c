#include "LaneMath.h"

static inline void adam_lanes(Lanes *p, const Lanes *g, Lanes *m, Lanes *v, const FSAdamConstants *k) {
    Lanes grad = *g + k->l2 * *p;
    *m = k->beta1 * *m + (1 - k->beta1) * grad;
    *v = k->beta2 * *v + (1 - k->beta2) * grad * grad;
    *p = k->shrink * *p - k->eta * (*m * k->c1) / (__builtin_elementwise_sqrt(*v * k->c2) + k->epsilon);
}

// One build for every x86-64; AVX2 machines get 8-lane instructions (the same results, lane by lane).
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_adam_update(float *p, const float *g, float *m, float *v, long count, FSAdamConstants k) {
    long i = 0;
    for (; i + LANE_COUNT <= count; i += LANE_COUNT) {
        Lanes pi, gi, mi, vi;
        memcpy(&pi, p + i, sizeof pi);
        memcpy(&gi, g + i, sizeof gi);
        memcpy(&mi, m + i, sizeof mi);
        memcpy(&vi, v + i, sizeof vi);
        adam_lanes(&pi, &gi, &mi, &vi, &k);
        memcpy(p + i, &pi, sizeof pi);
        memcpy(m + i, &mi, sizeof mi);
        memcpy(v + i, &vi, sizeof vi);
    }
    long tail = count - i;
    if (tail == 0) return;
    Lanes pi = 0, gi = 0, mi = 0, vi = 0;
    memcpy(&pi, p + i, tail * sizeof(float));
    memcpy(&gi, g + i, tail * sizeof(float));
    memcpy(&mi, m + i, tail * sizeof(float));
    memcpy(&vi, v + i, tail * sizeof(float));
    adam_lanes(&pi, &gi, &mi, &vi, &k);
    memcpy(p + i, &pi, tail * sizeof(float));
    memcpy(m + i, &mi, tail * sizeof(float));
    memcpy(v + i, &vi, tail * sizeof(float));
}
