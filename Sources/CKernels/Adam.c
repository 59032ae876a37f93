#include "LaneMath.h"

static inline void adam_lanes(Lanes *p, const Lanes *g, Lanes *m, Lanes *v, const FSAdamConstants *k) {
    Lanes grad = *g + k->l2 * *p;
    *m = k->beta1 * *m + (1 - k->beta1) * grad;
    *v = k->beta2 * *v + (1 - k->beta2) * grad * grad;
    *p = k->shrink * *p - k->eta * (*m * k->c1) / (__builtin_elementwise_sqrt(*v * k->c2) + k->epsilon);
}

static inline void adam_at(long i, long n, float *p, const float *g, float *m, float *v, const FSAdamConstants *k) {
    Lanes pi, gi, mi, vi;
    load_lanes(&pi, p + i, n);
    load_lanes(&gi, g + i, n);
    load_lanes(&mi, m + i, n);
    load_lanes(&vi, v + i, n);
    adam_lanes(&pi, &gi, &mi, &vi, k);
    store_lanes(p + i, &pi, n);
    store_lanes(m + i, &mi, n);
    store_lanes(v + i, &vi, n);
}

// One build for every x86-64; AVX2 machines get 8-lane instructions (the same results, lane by lane).
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_adam_update(float *p, const float *g, float *m, float *v, long count, FSAdamConstants k) {
    FOR_EACH_LANES(count, adam_at, p, g, m, v, &k);
}
