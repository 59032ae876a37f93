"""Simulation peer: the `push` world rebuilt in pymunk, stepped by a random policy.

The world is read from the same file Foresight uses (worlds/push.yaml): table and walls,
a disc pusher driven toward the action's target point by a PD force, and the objects with
their shapes, masses and friction. Top-down ground friction is the usual Chipmunk recipe,
a pivot joint and a gear joint from each body to the static body with no error correction
and force/torque limits from the friction coefficient. Physics steps at the file's time
step, `substeps` physics steps per control (env) step; a fresh space every episode.

Observations, as Foresight's Environment makes them:
- state: position, heading (cos, sin) and velocities of every body, as a float32 vector;
- pixels: a 64x64 RGB image drawn with pygame on a Surface (table, walls, shapes as
  filled polygons and circles) and read back with pygame.surfarray, as Push-T renders.

Reports env steps/s (control steps, resets included) for each observation kind, and the
bare rate of pymunk's Space.step on the same world (the limit of this side).
"""

import argparse
import math
import os

from common import Stopwatch, context, emit, log, require

PEER = "pymunk"


class PushWorldSpec:
    """The parts of a world file this peer needs, with the defaults Foresight's loader applies."""

    def __init__(self, path):
        (yaml,) = require(PEER, "yaml")
        with open(path) as handle:
            document = yaml.safe_load(handle)
        try:
            self.name = document["name"]
            table, physics = document["table"], document["physics"]
            self.table_size = tuple(table["size"])
            self.table_friction = float(table["friction"])
            self.wall_radius = float(table.get("wall_radius", 0.05))
            self.table_color = tuple(table.get("color", (236, 232, 222)))
            self.wall_color = tuple(table.get("wall_color", (90, 90, 96)))
            self.time_step = float(physics["time_step"])
            self.substeps = int(physics["substeps"])
            self.iterations = int(physics["iterations"])
            self.gravity = float(physics.get("gravity", 9.81))
            self.max_speed = float(physics["max_speed"])
            self.max_angular_speed = float(physics["max_angular_speed"])
            pusher = document["robot"]["pusher"]
            self.pusher = {
                "name": pusher.get("name", "pusher"), "radius": float(pusher["radius"]),
                "mass": float(pusher["mass"]), "friction": float(pusher.get("friction", 0.5)),
                "stiffness": float(pusher["stiffness"]), "damping": float(pusher["damping"]),
                "max_force": float(pusher["max_force"]), "position": tuple(pusher["position"]),
                "color": tuple(pusher.get("color", (220, 70, 60))),
            }
            self.objects = [{
                "name": item["name"], "shapes": item["shapes"], "mass": float(item["mass"]),
                "friction": float(item["friction"]), "elasticity": float(item.get("elasticity", 0)),
                "ground_friction": float(item.get("ground_friction", self.table_friction)),
                "position": tuple(item["position"]), "angle": float(item.get("angle", 0)),
                "color": tuple(item.get("color", (70, 110, 200))),
            } for item in document["objects"]]
            randomization = document.get("randomization") or {}
            self.randomize_poses = bool(randomization.get("poses", bool(randomization)))
            region = randomization.get("region", {"min": (0, 0), "max": (0, 0)})
            self.region = (tuple(region["min"]), tuple(region["max"]))
            self.angle_range = tuple(randomization.get("angle", (0, 0)))
            self.clearance = float(randomization.get("clearance", 0.01))
            self.max_steps = int((document.get("episode") or {}).get("max_steps", 200))
        except (KeyError, TypeError) as error:
            raise SystemExit(f"{path}: cannot read the push world ({error.__class__.__name__}: {error})")


def shape_vertices(shape):
    """The vertices of a box or polygon shape in the body frame (counter-clockwise)."""
    if "box" in shape:
        box = shape["box"]
        half_w, half_h = box["size"][0] / 2, box["size"][1] / 2
        ox, oy = box.get("offset", (0, 0))
        c, s = math.cos(box.get("angle", 0)), math.sin(box.get("angle", 0))
        return [(c * x - s * y + ox, s * x + c * y + oy)
                for x, y in ((-half_w, -half_h), (half_w, -half_h), (half_w, half_h), (-half_w, half_h))]
    return [tuple(point) for point in shape["polygon"]["points"]]


class PushEnvironment:
    """A Gym-style reset/step loop over a pymunk space built from a PushWorldSpec."""

    def __init__(self, spec, pymunk, numpy, pixels=None):
        self.spec, self.pymunk, self.np = spec, pymunk, numpy
        self.renderer = pixels
        self.rng = numpy.random.default_rng(0)
        half_x, half_y = spec.table_size[0] / 2, spec.table_size[1] / 2
        self.action_low = (-half_x + spec.pusher["radius"], -half_y + spec.pusher["radius"])
        self.action_high = (half_x - spec.pusher["radius"], half_y - spec.pusher["radius"])

    def reset(self, seed):
        pymunk, spec = self.pymunk, self.spec
        self.rng = self.np.random.default_rng(seed)
        space = pymunk.Space()
        space.iterations = spec.iterations
        space.gravity = (0, 0)
        static = space.static_body
        half_x, half_y = spec.table_size[0] / 2, spec.table_size[1] / 2
        r = spec.wall_radius
        corners = [(-half_x - r, -half_y - r), (half_x + r, -half_y - r), (half_x + r, half_y + r), (-half_x - r, half_y + r)]
        for a, b in zip(corners, corners[1:] + corners[:1]):
            wall = pymunk.Segment(static, a, b, r)
            wall.friction = 0.5
            space.add(wall)

        pusher = spec.pusher
        body = pymunk.Body(pusher["mass"], pymunk.moment_for_circle(pusher["mass"], 0, pusher["radius"]))
        body.position = pusher["position"]
        disc = pymunk.Circle(body, pusher["radius"])
        disc.friction = pusher["friction"]
        space.add(body, disc)
        self.add_ground_friction(space, body, pusher["mass"], spec.table_friction, pusher["radius"])
        self.pusher = body
        self.target = body.position

        self.bodies = [body]
        self.drawables = [(body, [("circle", (0.0, 0.0), pusher["radius"])], pusher["color"])]
        placed = [(tuple(body.position), pusher["radius"])]
        for item in spec.objects:
            body = pymunk.Body()
            shapes, outlines, extent = [], [], 0.0
            for shape in item["shapes"]:
                if "circle" in shape:
                    circle = shape["circle"]
                    offset = tuple(circle.get("offset", (0, 0)))
                    made = pymunk.Circle(body, circle["radius"], offset)
                    outlines.append(("circle", offset, circle["radius"]))
                    extent = max(extent, math.hypot(*offset) + circle["radius"])
                else:
                    vertices = shape_vertices(shape)
                    made = pymunk.Poly(body, vertices)
                    outlines.append(("polygon", vertices, None))
                    extent = max(extent, max(math.hypot(x, y) for x, y in vertices))
                made.friction, made.elasticity = item["friction"], item["elasticity"]
                shapes.append(made)
            areas = [made.area for made in shapes]
            for made, area in zip(shapes, areas):
                made.mass = item["mass"] * area / sum(areas)
            body.position, body.angle = self.place(item, extent, placed)
            space.add(body, *shapes)
            self.add_ground_friction(space, body, item["mass"], item["ground_friction"], extent)
            self.bodies.append(body)
            self.drawables.append((body, outlines, item["color"]))
        self.space, self.steps = space, 0
        return self.observe()

    def place(self, item, extent, placed):
        """A random pose in the region, clear of what is already placed (nominal pose after 100 tries)."""
        spec = self.spec
        if spec.randomize_poses:
            (x0, y0), (x1, y1) = spec.region
            for _ in range(100):
                x, y = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1)
                if all(math.hypot(x - px, y - py) >= extent + radius + spec.clearance for (px, py), radius in placed):
                    placed.append(((x, y), extent))
                    return (x, y), self.rng.uniform(*spec.angle_range)
        placed.append((item["position"], extent))
        return item["position"], item["angle"]

    def add_ground_friction(self, space, body, mass, coefficient, radius):
        """Top-down Coulomb friction: a pivot and a gear to the static body, without error correction."""
        normal = mass * self.spec.gravity
        pivot = self.pymunk.PivotJoint(space.static_body, body, (0, 0), (0, 0))
        pivot.max_bias, pivot.max_force = 0, coefficient * normal
        gear = self.pymunk.GearJoint(space.static_body, body, 0, 1)
        gear.max_bias, gear.max_force = 0, coefficient * normal * radius * (2 / 3)
        space.add(pivot, gear)

    def step(self, action):
        spec, body = self.spec, self.pusher
        target = (min(max(action[0], self.action_low[0]), self.action_high[0]),
                  min(max(action[1], self.action_low[1]), self.action_high[1]))
        p, d, limit = spec.pusher["stiffness"], spec.pusher["damping"], spec.pusher["max_force"]
        for _ in range(spec.substeps):
            position, velocity = body.position, body.velocity
            fx = p * (target[0] - position.x) - d * velocity.x
            fy = p * (target[1] - position.y) - d * velocity.y
            norm = math.hypot(fx, fy)
            if norm > limit:
                fx, fy = fx * limit / norm, fy * limit / norm
            body.force = (fx, fy)
            self.space.step(spec.time_step)
        self.steps += 1
        return self.observe(), 0.0, False, self.steps >= spec.max_steps

    def observe(self):
        if self.renderer is not None:
            return self.renderer.draw(self)
        values = []
        for body in self.bodies:
            position, velocity, angle = body.position, body.velocity, body.angle
            values += (position.x, position.y, math.cos(angle), math.sin(angle),
                       velocity.x, velocity.y, body.angular_velocity)
        return self.np.asarray(values, dtype=self.np.float32)


class PygameRenderer:
    """Draws the table top-down into a small pygame Surface (+y up) and reads it back as H x W x 3."""

    def __init__(self, spec, pygame, numpy, size):
        self.pygame, self.np, self.size = pygame, numpy, size
        self.surface = pygame.Surface((size, size))
        self.table_color, self.wall_color = spec.table_color, spec.wall_color
        extent = max(spec.table_size) / 2 + spec.wall_radius * 2
        self.scale = size / (2 * extent)
        self.half = size / 2

    def to_pixels(self, x, y):
        return (self.half + x * self.scale, self.half - y * self.scale)

    def draw(self, environment):
        pygame, surface = self.pygame, self.surface
        surface.fill(self.wall_color)
        half_x, half_y = environment.spec.table_size[0] / 2, environment.spec.table_size[1] / 2
        left, top = self.to_pixels(-half_x, half_y)
        surface.fill(self.table_color, pygame.Rect(round(left), round(top),
                                                   round(2 * half_x * self.scale), round(2 * half_y * self.scale)))
        for body, outlines, color in environment.drawables:
            for kind, geometry, radius in outlines:
                if kind == "circle":
                    centre = body.local_to_world(geometry)
                    pygame.draw.circle(surface, color, self.to_pixels(centre.x, centre.y), radius * self.scale)
                else:
                    points = [self.to_pixels(*body.local_to_world(vertex)) for vertex in geometry]
                    pygame.draw.polygon(surface, color, points)
        return self.np.ascontiguousarray(pygame.surfarray.pixels3d(surface).transpose(1, 0, 2))


def measure(environment, seconds, seed):
    """Runs the random policy for about `seconds` and returns env steps/s (resets included)."""
    rng = environment.np.random.default_rng(seed)
    low, high = environment.action_low, environment.action_high
    episode = 0
    environment.reset(seed)
    steps, clock = 0, Stopwatch()
    while True:
        for _ in range(50):
            action = rng.uniform(low, high)
            _, _, terminated, truncated = environment.step(action)
            steps += 1
            if terminated or truncated:
                episode += 1
                environment.reset(seed + episode)
        if clock.elapsed() >= seconds:
            return steps / clock.elapsed()


def measure_bare(environment, seconds, seed):
    """Space.step alone on the same world, as env steps/s (`substeps` physics steps each)."""
    environment.reset(seed)
    spec, steps, clock = environment.spec, 0, Stopwatch()
    while clock.elapsed() < seconds:
        for _ in range(50 * spec.substeps):
            environment.space.step(spec.time_step)
        steps += 50
    return steps / clock.elapsed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", required=True, help="path to worlds/push.yaml")
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per row")
    parser.add_argument("--observe", default="state,pixels,bare", help="rows to measure: state, pixels, bare")
    parser.add_argument("--pixel-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    pymunk, numpy = require(PEER, "pymunk", "numpy")
    spec = PushWorldSpec(args.world)
    info = dict(context(), pymunk=pymunk.version, cores=len(os.sched_getaffinity(0)))
    for kind in args.observe.split(","):
        if kind == "state":
            rate = measure(PushEnvironment(spec, pymunk, numpy), args.seconds, args.seed)
            emit("sim.state", rate, "steps/s", peer=PEER, **info)
        elif kind == "pixels":
            os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
            (pygame,) = require("pymunk+pygame", "pygame")
            renderer = PygameRenderer(spec, pygame, numpy, args.pixel_size)
            rate = measure(PushEnvironment(spec, pymunk, numpy, renderer), args.seconds, args.seed)
            emit("sim.pixels", rate, "steps/s", peer="pymunk+pygame", pixels=args.pixel_size,
                 pygame=pygame.version.ver, **info)
        elif kind == "bare":
            rate = measure_bare(PushEnvironment(spec, pymunk, numpy), args.seconds, args.seed)
            emit("sim.bare", rate, "steps/s", peer=PEER, **info)
        else:
            raise SystemExit(f"--observe: unknown row '{kind}' (expected state, pixels, bare)")
        log(f"pymunk: {kind}: {rate:.0f} env steps/s")


if __name__ == "__main__":
    main()
