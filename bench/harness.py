"""Runs Foresight's benchmarks next to the Python peers and writes docs/benchmarks.md.

Standard library only, so it runs (and reports what is missing) even when the peers'
virtual environment could not be built. Each piece of work is run on both sides,
alternating which side goes first, several times; the medians and their ratio go in the
table, with the BLAS kernel each row used. Every command is run twice: with the
environment as it is, and with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed for that
command alone. Usage: see scripts/bench, which builds everything and calls this.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time

from report import Report

HERE = os.path.dirname(os.path.abspath(__file__))
OPENBLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
# The settings `foresight bench pc` trains with (its --help), given to the peers explicitly.
PC_SETTINGS = ("--batch", "256", "--inference-steps", "8", "--h-lr", "0.1", "--w-lr", "1e-3", "--hidden", "256",
               "--layers", "2")
BP_SETTINGS = ("--batch", "256", "--lr", "1e-3", "--hidden", "256", "--layers", "2")


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


class Outcome:
    """What one command printed: its JSON rows, or why it gave none."""

    def __init__(self, rows, error, seconds):
        self.rows, self.error, self.seconds = rows, error, seconds

    def first(self, name, **match):
        """The first row called `name` whose extra keys equal `match`, or None."""
        for row in self.rows:
            if row.get("name") == name and all(row.get(k) == v for k, v in match.items()):
                return row
        return None

    def value(self, name, **match):
        row = self.first(name, **match)
        if row is None or row.get("value") is None:
            return None
        return float(row["value"])

    def unavailable(self):
        """The reason a peer gave for not running, if it printed one."""
        for row in self.rows:
            if row.get("unavailable"):
                return row["unavailable"]
        return None


def cpu_busy(seconds=0.5):
    """Share of all CPU time that was not idle over `seconds` (from /proc/stat), or None off Linux."""
    def sample():
        with open("/proc/stat") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    try:
        idle0, total0 = sample()
        time.sleep(seconds)
        idle1, total1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    return 1 - (idle1 - idle0) / max(total1 - total0, 1)


class Quiet:
    """Waits, within a total budget, for other processes to leave the CPUs before each measurement."""

    def __init__(self, budget_seconds, threshold=0.25):
        self.budget, self.threshold = budget_seconds, threshold
        self.busy_at_start = []

    def wait(self):
        busy = cpu_busy()
        while busy is not None and busy > self.threshold and self.budget > 0:
            log(f"other processes use {busy:.0%} of the CPUs; waiting (budget {self.budget:.0f} s)")
            time.sleep(2)
            self.budget -= 2.5
            busy = cpu_busy()
        if busy is not None:
            self.busy_at_start.append(busy)


QUIET = Quiet(0)


def run(command, environment, timeout):
    """Runs a command, reading JSON lines from stdout; stderr is kept for the error message."""
    QUIET.wait()
    log("$ " + " ".join(shlex.quote(part) for part in command))
    start = time.perf_counter()
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError as error:
        return Outcome([], f"cannot run {command[0]}: {error.strerror}", 0.0)
    except subprocess.TimeoutExpired:
        return Outcome([], f"timed out after {timeout} s", timeout)
    seconds = time.perf_counter() - start
    rows = []
    for line in done.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    error = None
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:]) or "no message"
        error = f"exit {done.returncode}: {tail}"
    elif not rows:
        error = "printed no JSON rows"
    log(f"  {len(rows)} rows in {seconds:.1f} s" + (f"; {error}" if error else ""))
    return Outcome(rows, error, seconds)


class Environments:
    """The two settings every command runs under: as the machine is, and without the OpenBLAS variables."""

    def __init__(self):
        base = dict(os.environ)
        base.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        base.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        unset = {k: v for k, v in base.items() if k not in OPENBLAS_VARIABLES}
        present = ", ".join(f"{k}={base[k]}" for k in OPENBLAS_VARIABLES if k in base)
        self.settings = [("as is", base, present or "no OpenBLAS variables set")]
        if present:
            self.settings.append(("unset", unset, "env -u " + " -u ".join(OPENBLAS_VARIABLES)))

    def __iter__(self):
        return iter(self.settings)


def alternate(repetitions, first, second):
    """Runs the two sides `repetitions` times, swapping which goes first each time."""
    firsts, seconds = [], []
    for repetition in range(repetitions):
        if repetition % 2 == 0:
            firsts.append(first())
            seconds.append(second())
        else:
            seconds.append(second())
            firsts.append(first())
    return firsts, seconds


def machine_facts(arguments):
    """CPU model, cores, memory, OS, toolchain and library versions, date."""
    facts = {}
    try:
        with open("/proc/cpuinfo") as handle:
            models = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        facts["CPU"] = models[0] if models else platform.processor() or "unknown"
    except OSError:
        facts["CPU"] = platform.processor() or "unknown"
    facts["cores"] = str(os.cpu_count())
    try:
        with open("/proc/meminfo") as handle:
            kilobytes = int(handle.readline().split()[1])
        facts["memory"] = f"{kilobytes / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    debian = ""
    if os.path.exists("/etc/debian_version"):
        with open("/etc/debian_version") as handle:
            debian = f", Debian {handle.read().strip()}"
    facts["OS"] = f"{platform.system()} {platform.release()}{debian}"
    facts["Swift"] = command_output(["swift", "--version"]).split("\n")[0] or "unknown"
    openblas = command_output(["dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Package} ${Version}\\n",
                               "libopenblas0-pthread", "libopenblas0-openmp", "libopenblas0-serial"])
    installed = [" ".join(line.split()[1:]) for line in openblas.splitlines() if line.startswith("ii")]
    facts["OpenBLAS (Foresight)"] = ", ".join(installed) or "unknown"
    facts["OpenBLAS variables"] = ", ".join(f"{k}={os.environ[k]}" for k in OPENBLAS_VARIABLES
                                            if k in os.environ) or "not set"
    if arguments.python:
        versions = command_output([arguments.python, os.path.join(HERE, "peers", "versions.py")])
        facts["Python peers"] = versions.strip() or "unavailable (no virtual environment)"
    facts["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    facts["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return facts


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


class Bench:
    """The benchmark plan: which commands, how often, and what goes in which row."""

    def __init__(self, arguments):
        self.arguments = arguments
        self.foresight = arguments.foresight
        self.python = arguments.python
        self.report = Report()
        self.dataset = os.path.join(arguments.work, "pc-dataset.safetensors")

    def foresight_command(self, *parts, one_core=False):
        command = [self.foresight, "bench", *parts, "--json"]
        return (["taskset", "-c", "0"] + command) if one_core else command

    def peer_command(self, script, *parts, one_core=False):
        if not self.python:
            return None
        command = [self.python, os.path.join(HERE, "peers", script), *parts]
        return (["taskset", "-c", "0"] + command) if one_core else command

    def side(self, command, environment, timeout):
        """A closure running `command` (or reporting why there is none)."""
        if command is None:
            return lambda: Outcome([], "peer unavailable: no Python virtual environment", 0.0)
        return lambda: run(command, environment, timeout)

    def run_all(self):
        arguments = self.arguments
        facts = machine_facts(arguments)
        self.report.machine = facts
        started = time.perf_counter()
        for index, (label, environment, description) in enumerate(Environments()):
            log(f"--- OpenBLAS variables {label} ({description})")
            setting = self.report.setting(label, description)
            self.blas(setting, environment)
            if "sim" in arguments.only:
                self.simulation(setting, environment)
            if "pc" in arguments.only or "bp" in arguments.only:
                self.learning(setting, environment, index)
        facts["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        if QUIET.busy_at_start:
            facts["CPU busy before a measurement"] = (
                f"median {statistics.median(QUIET.busy_at_start):.0%}, worst {max(QUIET.busy_at_start):.0%} "
                f"(other processes; waited up to {arguments.quiet_wait:.0f} s in all for < {QUIET.threshold:.0%})")
        facts["benchmark time"] = f"{(time.perf_counter() - started) / 60:.1f} min"

    def blas(self, setting, environment):
        outcome = run(self.foresight_command("blas", "--batches", "256", "--features", "256"), environment, 300)
        setting.foresight_blas(outcome)

    def simulation(self, setting, environment):
        a = self.arguments
        foresight = self.side(self.foresight_command("sim", "--contact-steps", "0", one_core=True), environment, 600)
        peer = self.side(self.peer_command("push_pymunk.py", "--world", a.world, "--seconds", str(a.sim_seconds),
                                           one_core=True), environment, 600)
        ours, theirs = alternate(a.repetitions, foresight, peer)
        setting.simulation(ours, theirs)

    def learning(self, setting, environment, setting_index):
        a = self.arguments
        if not os.path.exists(self.dataset):
            os.makedirs(a.work, exist_ok=True)
            exported = run([self.foresight, "bench", "pc", "--export", self.dataset], environment, 300)
            if exported.error and not os.path.exists(self.dataset):
                setting.failure("pc", f"dataset export failed: {exported.error}")
                return
        epochs = str(a.epochs)
        for mode, script, peer_options, record in (
                ("pc", "pc_pcx.py", PC_SETTINGS, setting.predictive_coding),
                ("bp", "bp_jax.py", BP_SETTINGS, setting.backprop)):
            if mode not in a.only:
                continue
            if mode == "pc" and not setting_index:
                setting.rule_check(self.side(self.peer_command("check_pc_rule.py"), environment, 300)())
            # Foresight's PC run goes on past the peer's epochs, to time when it reaches the peer's final MSE.
            our_epochs = str(a.epochs + (a.extra_epochs if mode == "pc" else 0))
            foresight = self.side(self.foresight_command("pc", "--data", self.dataset, "--mode", mode,
                                                         "--epochs", our_epochs), environment, 1200)
            peer = self.side(self.peer_command(script, "--data", self.dataset, "--epochs", epochs, *peer_options),
                             environment, 1200)
            ours, theirs = alternate(a.repetitions, foresight, peer)
            record(ours, theirs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--foresight", required=True, help="the release foresight binary")
    parser.add_argument("--python", default="", help="the peers' virtual-environment python (empty: none)")
    parser.add_argument("--world", default="worlds/push.yaml")
    parser.add_argument("--work", default=".build/bench", help="folder for the exported dataset")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--extra-epochs", type=int, default=5,
                        help="epochs Foresight's PC run goes on after --epochs, to reach PCX's final test MSE")
    parser.add_argument("--sim-seconds", type=float, default=3.0)
    parser.add_argument("--only", default="sim,pc,bp", help="comma-separated subset of sim, pc, bp")
    parser.add_argument("--quiet-wait", type=float, default=60,
                        help="seconds in all to wait for other processes to leave the CPUs before measurements")
    parser.add_argument("--output", default="docs/benchmarks.md")
    parser.add_argument("--readme", default="README.md", help="README whose benchmark section is refreshed ('' = none)")
    parser.add_argument("--command", default="make bench", help="the command quoted in the report")
    arguments = parser.parse_args()
    arguments.only = set(arguments.only.split(","))
    QUIET.budget = arguments.quiet_wait

    bench = Bench(arguments)
    bench.run_all()
    bench.report.command = arguments.command
    text = bench.report.markdown()
    bench.report.write(arguments.output, text)
    if arguments.readme:
        bench.report.refresh_readme(arguments.readme)
    print(bench.report.summary_table())
    log(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
