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

// One build for every x86-64; AVX2 machines get 8-lane instructions (the same results, lane by lane).
#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_value_node_update(FSActivation activation, float *x, float *fx, float *d, const float *eps, const float *back,
                          float *velocity, long count, float rate, float momentum) {
    long i = 0;
    for (; i + LANE_COUNT <= count; i += LANE_COUNT) {
        Lanes xi, fxi, di, ei, bi, vi;
        memcpy(&xi, x + i, sizeof xi);
        memcpy(&di, d + i, sizeof di);
        memcpy(&ei, eps + i, sizeof ei);
        memcpy(&bi, back + i, sizeof bi);
        memcpy(&vi, velocity + i, sizeof vi);
        value_node_lanes(activation, &xi, &fxi, &di, &ei, &bi, &vi, rate, momentum);
        memcpy(x + i, &xi, sizeof xi);
        memcpy(fx + i, &fxi, sizeof fxi);
        memcpy(d + i, &di, sizeof di);
        memcpy(velocity + i, &vi, sizeof vi);
    }
    long tail = count - i;
    if (tail == 0) return;
    Lanes xi = 0, fxi = 0, di = 0, ei = 0, bi = 0, vi = 0;
    memcpy(&xi, x + i, tail * sizeof(float));
    memcpy(&di, d + i, tail * sizeof(float));
    memcpy(&ei, eps + i, tail * sizeof(float));
    memcpy(&bi, back + i, tail * sizeof(float));
    memcpy(&vi, velocity + i, tail * sizeof(float));
    value_node_lanes(activation, &xi, &fxi, &di, &ei, &bi, &vi, rate, momentum);
    memcpy(x + i, &xi, tail * sizeof(float));
    memcpy(fx + i, &fxi, tail * sizeof(float));
    memcpy(d + i, &di, tail * sizeof(float));
    memcpy(velocity + i, &vi, tail * sizeof(float));
}

static inline void fixed_prediction_lanes(Lanes *x, Lanes *eps, const Lanes *mu, const Lanes *d, const Lanes *back,
                                          Lanes *velocity, float rate, float momentum) {
    Lanes v = momentum * *velocity + (*eps - *d * *back);
    *velocity = v;
    *x = *x - rate * v;
    *eps = *x - *mu;
}

#if defined(__x86_64__)
__attribute__((target_clones("avx2", "default")))
#endif
void fs_value_node_update_fixed(float *x, float *eps, const float *mu, const float *d, const float *back, float *velocity,
                                long count, float rate, float momentum) {
    long i = 0;
    for (; i + LANE_COUNT <= count; i += LANE_COUNT) {
        Lanes xi, ei, mi, di, bi, vi;
        memcpy(&xi, x + i, sizeof xi);
        memcpy(&ei, eps + i, sizeof ei);
        memcpy(&mi, mu + i, sizeof mi);
        memcpy(&di, d + i, sizeof di);
        memcpy(&bi, back + i, sizeof bi);
        memcpy(&vi, velocity + i, sizeof vi);
        fixed_prediction_lanes(&xi, &ei, &mi, &di, &bi, &vi, rate, momentum);
        memcpy(x + i, &xi, sizeof xi);
        memcpy(eps + i, &ei, sizeof ei);
        memcpy(velocity + i, &vi, sizeof vi);
    }
    long tail = count - i;
    if (tail == 0) return;
    Lanes xi = 0, ei = 0, mi = 0, di = 0, bi = 0, vi = 0;
    memcpy(&xi, x + i, tail * sizeof(float));
    memcpy(&ei, eps + i, tail * sizeof(float));
    memcpy(&mi, mu + i, tail * sizeof(float));
    memcpy(&di, d + i, tail * sizeof(float));
    memcpy(&bi, back + i, tail * sizeof(float));
    memcpy(&vi, velocity + i, tail * sizeof(float));
    fixed_prediction_lanes(&xi, &ei, &mi, &di, &bi, &vi, rate, momentum);
    memcpy(x + i, &xi, tail * sizeof(float));
    memcpy(eps + i, &ei, tail * sizeof(float));
    memcpy(velocity + i, &vi, tail * sizeof(float));
}
