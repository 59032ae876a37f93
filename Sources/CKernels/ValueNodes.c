#include "Kernels.h"

#include "LaneMath.h"

static inline void value_node_lanes(FSActivation activation, Lanes *x, Lanes *fx, Lanes *d, const Lanes *eps,
                                    const Lanes *back, Lanes *velocity, float rate, float momentum) {
    Lanes v = momentum * *velocity + (*eps - *d * *back);
    *velocity = v;
    Lanes value = *x - rate * v;
    *x = value;
    activate(activation, &value, fx, d);
}

static inline void value_node_at(long i, long n, FSActivation activation, float *x, float *fx, float *d, const float *eps,
                                 const float *back, float *velocity, float rate, float momentum) {
    Lanes xi, fxi, di, ei, bi, vi;
    load_lanes(&xi, x + i, n);
    load_lanes(&di, d + i, n);
    load_lanes(&ei, eps + i, n);
    load_lanes(&bi, back + i, n);
    load_lanes(&vi, velocity + i, n);
    value_node_lanes(activation, &xi, &fxi, &di, &ei, &bi, &vi, rate, momentum);
    store_lanes(x + i, &xi, n);
    store_lanes(fx + i, &fxi, n);
    store_lanes(d + i, &di, n);
    store_lanes(velocity + i, &vi, n);
}

// One build for every x86-64; AVX2 machines get 8-lane instructions (the same results, lane by lane).
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_value_node_update(FSActivation activation, float *x, float *fx, float *d, const float *eps, const float *back,
                          float *velocity, long count, float rate, float momentum) {
    FOR_EACH_LANES(count, value_node_at, activation, x, fx, d, eps, back, velocity, rate, momentum);
}

static inline void fixed_prediction_lanes(Lanes *x, Lanes *eps, const Lanes *mu, const Lanes *d, const Lanes *back,
                                          Lanes *velocity, float rate, float momentum) {
    Lanes v = momentum * *velocity + (*eps - *d * *back);
    *velocity = v;
    *x = *x - rate * v;
    *eps = *x - *mu;
}

static inline void fixed_prediction_at(long i, long n, float *x, float *eps, const float *mu, const float *d,
                                       const float *back, float *velocity, float rate, float momentum) {
    Lanes xi, ei, mi, di, bi, vi;
    load_lanes(&xi, x + i, n);
    load_lanes(&ei, eps + i, n);
    load_lanes(&mi, mu + i, n);
    load_lanes(&di, d + i, n);
    load_lanes(&bi, back + i, n);
    load_lanes(&vi, velocity + i, n);
    fixed_prediction_lanes(&xi, &ei, &mi, &di, &bi, &vi, rate, momentum);
    store_lanes(x + i, &xi, n);
    store_lanes(eps + i, &ei, n);
    store_lanes(velocity + i, &vi, n);
}

#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_value_node_update_fixed(float *x, float *eps, const float *mu, const float *d, const float *back, float *velocity,
                                long count, float rate, float momentum) {
    FOR_EACH_LANES(count, fixed_prediction_at, x, eps, mu, d, back, velocity, rate, momentum);
}
