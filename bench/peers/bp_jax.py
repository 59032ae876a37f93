"""Backprop peer: the benchmark MLP trained with JAX and optax Adam on the CPU.

Same network as the predictive-coding benchmark (input 14, two hidden layers of 256 with
tanh, linear output of 12), mean-squared-error loss averaged over the batch of 256, Adam
on all weights (rate --lr), weights drawn uniformly in +-1/sqrt(fan-in) and biases at 0,
as Foresight does. One jitted step per mini-batch, called from Python, the way JAX users write it.

Reports samples/s (training only: compilation and test evaluation excluded) and the test
MSE after every epoch with the training time so far.
"""

import argparse

from common import Stopwatch, context, emit, load_regression_dataset, log, require

PEER = "jax"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="safetensors file from `foresight bench pc --export`")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=2, help="hidden layers")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam rate")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    np, _ = require(PEER, "numpy", "safetensors")
    jax, optax = require(PEER, "jax", "optax")
    jnp = jax.numpy

    x_train, y_train, x_test, y_test = load_regression_dataset(args.data)
    sizes = [x_train.shape[1]] + [args.hidden] * args.layers + [y_train.shape[1]]

    def initial_parameters(key):
        parameters = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            key, weight_key = jax.random.split(key)
            bound = 1.0 / np.sqrt(fan_in)
            parameters.append((jax.random.uniform(weight_key, (fan_in, fan_out), minval=-bound, maxval=bound),
                               jnp.zeros((fan_out,))))
        return parameters

    def predict(parameters, x):
        for weight, bias in parameters[:-1]:
            x = jnp.tanh(x @ weight + bias)
        weight, bias = parameters[-1]
        return x @ weight + bias

    def loss(parameters, x, y):
        error = predict(parameters, x) - y
        return jnp.mean(error * error)

    optimiser = optax.adam(args.lr)

    @jax.jit
    def train_step(parameters, state, x, y):
        gradients = jax.grad(loss)(parameters, x, y)
        updates, state = optimiser.update(gradients, state, parameters)
        return optax.apply_updates(parameters, updates), state

    evaluate = jax.jit(loss)
    x_test_device, y_test_device = jnp.asarray(x_test), jnp.asarray(y_test)
    batches = x_train.shape[0] // args.batch
    rng = np.random.default_rng(args.seed)

    def shuffled_batches():
        order = rng.permutation(x_train.shape[0])[: batches * args.batch]
        return (jnp.asarray(x_train[order].reshape(batches, args.batch, -1)),
                jnp.asarray(y_train[order].reshape(batches, args.batch, -1)))

    parameters = initial_parameters(jax.random.PRNGKey(args.seed))
    state = optimiser.init(parameters)
    info = context()
    mse = float(evaluate(parameters, x_test_device, y_test_device))
    emit("bp.epoch", mse, "mse", epoch=0, seconds=0.0, peer=PEER, **info)

    # The first call compiles; it is timed apart and counted at the steady rate.
    train_seconds = 0.0
    compile_seconds = None
    for epoch in range(1, args.epochs + 1):
        xs, ys = shuffled_batches()
        first = 0
        if compile_seconds is None:
            clock = Stopwatch()
            parameters, state = jax.block_until_ready(train_step(parameters, state, xs[0], ys[0]))
            compile_seconds = clock.elapsed()
            first = 1
        clock = Stopwatch()
        for i in range(first, batches):
            parameters, state = train_step(parameters, state, xs[i], ys[i])
        jax.block_until_ready(parameters)
        train_seconds += clock.elapsed() * batches / (batches - first)
        mse = float(evaluate(parameters, x_test_device, y_test_device))
        emit("bp.epoch", mse, "mse", epoch=epoch, seconds=train_seconds, peer=PEER, **info)
        log(f"jax: epoch {epoch}: test MSE {mse:.6g}, {train_seconds:.2f} s")
    log(f"jax: first step (compilation) {compile_seconds:.2f} s, not counted")

    samples = batches * args.batch * args.epochs
    emit("bp.samples_per_s", samples / train_seconds, "samples/s", peer=PEER, batch=args.batch, **info)
    emit("bp.test_mse", mse, "mse", peer=PEER, epochs=args.epochs, **info)
    emit("bp.train_seconds", train_seconds, "s", peer=PEER, epochs=args.epochs, **info)


if __name__ == "__main__":
    main()
