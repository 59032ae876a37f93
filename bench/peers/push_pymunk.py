"""Simulation peer: the `push` world rebuilt in pymunk, stepped by a random policy.

The world is read from the same file Foresight uses (worlds/push.yaml): table and walls,
a disc pusher driven toward the action's target point by a PD force, and the objects with
their shapes, masses and friction. Top-down ground friction is the usual Chipmunk recipe,
a pivot joint and a gear joint from each body to the static body with no error correction
and force/torque limits from the friction coefficient. Physics steps at the file's time
step, `substeps` physics steps per control (env) step; a fresh space every episode.

Observations, as Foresight's Environment makes them:
- state: position, heading (cos, sin) and velocities of every body, as a float32 vector;
- pixels: the state and a 64x64 RGB image drawn with pygame on a Surface (table, then the
  shapes as filled polygons and circles) read back with pygame.surfarray, as Push-T renders.

Reports env steps/s (control steps, resets included) for each observation kind, and the
bare rate of pymunk's Space.step on the same world (the limit of this side); the loops are
the ones `foresight bench sim` times (its "random" rows and its bare cpSpaceStep row).
"""

import argparse
import math
import os
import random

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
            self.time_step = float(physics["time_step"])
            self.substeps = int(physics["substeps"])
            self.iterations = int(physics["iterations"])
            self.gravity = float(physics.get("gravity", 9.81))
            self.max_speed = float(physics["max_speed"])
            self.max_angular_speed = float(physics["max_angular_speed"])
            pusher = document["robot"]["pusher"]
            self.pusher = {
                "radius": float(pusher["radius"]), "mass": float(pusher["mass"]),
                "friction": float(pusher.get("friction", 0.5)), "stiffness": float(pusher["stiffness"]),
                "damping": float(pusher["damping"]), "max_force": float(pusher["max_force"]),
                "position": tuple(pusher["position"]), "angle": float(pusher.get("angle", 0)),
                "color": tuple(pusher.get("color", (220, 70, 60))),
            }
            self.objects = [{
                "shapes": item["shapes"], "mass": float(item["mass"]), "friction": float(item["friction"]),
                "elasticity": float(item.get("elasticity", 0)),
                "ground_friction": float(item.get("ground_friction", self.table_friction)),
                "position": tuple(item["position"]), "angle": float(item.get("angle", 0)),
                "color": tuple(item.get("color", (70, 110, 200))),
            } for item in document["objects"]]
            randomization = document.get("randomization") or {}
            self.randomize_poses = bool(randomization.get("poses", bool(randomization)))
            region = randomization.get("region", {"min": (0, 0), "max": (0, 0)})
            self.region = (tuple(region["min"]), tuple(region["max"]))
            self.angle_range = tuple(randomization.get("angle", (0, 0)))
            self.mass_range = tuple(randomization.get("mass", (1, 1)))
            self.friction_range = tuple(randomization.get("friction", (1, 1)))
            self.size_range = tuple(randomization.get("size", (1, 1)))
            self.clearance = float(randomization.get("clearance", 0.01))
            self.max_steps = int((document.get("episode") or {}).get("max_steps", 200))
        except (KeyError, TypeError) as error:
            raise SystemExit(f"{path}: cannot read the push world ({error.__class__.__name__}: {error})")
        half_x, half_y = self.table_size[0] / 2, self.table_size[1] / 2
        r = self.pusher["radius"]
        self.action_low, self.action_high = (-half_x + r, -half_y + r), (half_x - r, half_y - r)


ROBOT, OBJECT, WALL = 1, 2, 3  # collision types, as Foresight's


def scaled_geometry(shape, scale):
    """("circle", offset, radius) or ("polygon", vertices, None) in the body frame, scaled."""
    if "circle" in shape:
        circle = shape["circle"]
        offset = circle.get("offset", (0, 0))
        return "circle", (offset[0] * scale, offset[1] * scale), circle["radius"] * scale
    if "box" in shape:
        box = shape["box"]
        half_w, half_h = box["size"][0] / 2, box["size"][1] / 2
        ox, oy = box.get("offset", (0, 0))
        c, s = math.cos(box.get("angle", 0)), math.sin(box.get("angle", 0))
        corners = ((-half_w, -half_h), (half_w, -half_h), (half_w, half_h), (-half_w, half_h))
        return "polygon", [((c * x - s * y + ox) * scale, (s * x + c * y + oy) * scale) for x, y in corners], None
    return "polygon", [(x * scale, y * scale) for x, y in shape["polygon"]["points"]], None


def extent(geometry):
    """Largest distance of the scaled shape from the body origin."""
    kind, data, radius = geometry
    if kind == "circle":
        return math.hypot(*data) + radius
    return max(math.hypot(x, y) for x, y in data)


class PushEnvironment:
    """A Gym-style reset/step loop over a pymunk space, doing what Foresight's Environment does.

    Per control step: the action clamped to the box, then `substeps` times the PD force on the
    pusher, Space.step and the speed caps on every dynamic body; a post-solve collision
    handler flags robot-object contact (with up to 64 contact points, as Foresight keeps);
    then the observation. Each reset builds a fresh space: pusher and objects at random
    poses in the region (objects clear of what is placed, found with shape queries, up to
    100 tries), object size, mass and friction scales drawn from the file's ranges.
    """

    def __init__(self, spec, pymunk, numpy, renderer=None, monitor_contacts=True):
        self.spec, self.pymunk, self.np = spec, pymunk, numpy
        self.renderer, self.monitor_contacts = renderer, monitor_contacts
        self.touched, self.contact_points = False, []

    def random_pose(self, rng, nominal, nominal_angle, reach):
        spec = self.spec
        if not spec.randomize_poses:
            return nominal, nominal_angle
        margin = (spec.table_size[0] / 2 - reach - spec.clearance, spec.table_size[1] / 2 - reach - spec.clearance)
        low = (max(spec.region[0][0], -margin[0]), max(spec.region[0][1], -margin[1]))
        high = (min(spec.region[1][0], margin[0]), min(spec.region[1][1], margin[1]))
        x, y = rng.uniform(min(low[0], high[0]), high[0]), rng.uniform(min(low[1], high[1]), high[1])
        angle = rng.uniform(*spec.angle_range)
        if low[0] > high[0] or low[1] > high[1]:
            return nominal, nominal_angle
        return (x, y), angle

    def reset(self, seed):
        pymunk, spec = self.pymunk, self.spec
        rng = random.Random(seed)
        space = pymunk.Space()
        space.iterations = spec.iterations
        space.gravity = (0, 0)
        space.sleep_time_threshold = float("inf")
        if self.monitor_contacts:
            space.on_collision(ROBOT, OBJECT, post_solve=self.record_contact)
        static = space.static_body
        half_x, half_y = spec.table_size[0] / 2 + spec.wall_radius, spec.table_size[1] / 2 + spec.wall_radius
        corners = [(-half_x, -half_y), (half_x, -half_y), (half_x, half_y), (-half_x, half_y)]
        for a, b in zip(corners, corners[1:] + corners[:1]):
            wall = pymunk.Segment(static, a, b, spec.wall_radius)
            wall.friction, wall.collision_type = 0.5, WALL
            space.add(wall)

        pusher = spec.pusher
        position, angle = self.random_pose(rng, pusher["position"], pusher["angle"], pusher["radius"])
        body = pymunk.Body()
        body.position, body.angle = position, angle
        disc = pymunk.Circle(body, pusher["radius"])
        disc.mass, disc.friction, disc.collision_type = pusher["mass"], pusher["friction"], ROBOT
        space.add(body, disc)
        self.pusher = body
        self.bodies = [body]
        self.scales = [1.0]
        self.drawables = [(body, [("circle", (0.0, 0.0), pusher["radius"])], pusher["color"])]

        for item in spec.objects:
            scale = rng.uniform(*spec.size_range)
            mass = item["mass"] * rng.uniform(*spec.mass_range)
            friction_scale = rng.uniform(*spec.friction_range)
            geometry = [scaled_geometry(shape, scale) for shape in item["shapes"]]
            reach = max(extent(g) for g in geometry)
            position, angle = item["position"], item["angle"]
            if spec.randomize_poses:
                for _ in range(100):
                    candidate = self.random_pose(rng, item["position"], item["angle"], reach)
                    if self.is_free(space, geometry, candidate):
                        position, angle = candidate
                        break
            body = pymunk.Body()
            body.position, body.angle = position, angle
            shapes = [self.make_shape(body, g, 0.0) for g in geometry]
            total = sum(shape.area for shape in shapes)
            for shape in shapes:
                shape.mass = mass * shape.area / total
                shape.friction = item["friction"] * friction_scale
                shape.elasticity = item["elasticity"]
                shape.collision_type = OBJECT
            space.add(body, *shapes)
            self.add_ground_friction(space, body, item["ground_friction"] * friction_scale)
            self.bodies.append(body)
            self.scales.append(scale)
            self.drawables.append((body, geometry, item["color"]))
        self.space, self.steps = space, 0
        self.policy_rng = rng
        return self.observe()

    def make_shape(self, body, geometry, grow):
        kind, data, radius = geometry
        if kind == "circle":
            return self.pymunk.Circle(body, radius + grow, data)
        return self.pymunk.Poly(body, data, radius=grow)

    def is_free(self, space, geometry, pose):
        """Whether the shapes grown by the clearance, placed at `pose`, overlap nothing in the space."""
        probe_body = self.pymunk.Body(body_type=self.pymunk.Body.KINEMATIC)
        probe_body.position, probe_body.angle = pose
        return not any(space.shape_query(self.make_shape(probe_body, g, self.spec.clearance)) for g in geometry)

    def add_ground_friction(self, space, body, coefficient):
        """Top-down Coulomb friction: a pivot at the centre of gravity and a gear to the static body,
        no error correction, force mu*m*g and torque mu*m*g*sqrt(I/m) (as Foresight)."""
        if coefficient <= 0:
            return
        force = coefficient * body.mass * self.spec.gravity
        pivot = self.pymunk.PivotJoint(space.static_body, body, (0, 0), body.center_of_gravity)
        pivot.max_bias, pivot.max_force = 0, force
        gear = self.pymunk.GearJoint(space.static_body, body, 0, 1)
        gear.max_bias, gear.max_force = 0, force * math.sqrt(body.moment / body.mass)
        space.add(pivot, gear)

    def record_contact(self, arbiter, space, data):
        self.touched = True
        points = self.contact_points
        for point in arbiter.contact_point_set.points:
            if len(points) < 64:
                points.append(point.point_a)

    def step(self, action):
        spec, body, space = self.spec, self.pusher, self.space
        low, high = spec.action_low, spec.action_high
        tx, ty = min(max(action[0], low[0]), high[0]), min(max(action[1], low[1]), high[1])
        p, d, limit = spec.pusher["stiffness"], spec.pusher["damping"], spec.pusher["max_force"]
        max_speed, max_speed_squared, max_spin = spec.max_speed, spec.max_speed ** 2, spec.max_angular_speed
        self.touched = False
        for _ in range(spec.substeps):
            position, velocity = body.position, body.velocity
            fx = p * (tx - position.x) - d * velocity.x
            fy = p * (ty - position.y) - d * velocity.y
            norm = math.hypot(fx, fy)
            if norm > limit:
                fx, fy = fx * limit / norm, fy * limit / norm
            body.force = (fx, fy)
            self.contact_points.clear()
            space.step(spec.time_step)
            for moving in self.bodies:  # speed caps, as Foresight applies after every physics step
                vx, vy = moving.velocity
                if vx * vx + vy * vy > max_speed_squared:
                    k = max_speed / math.sqrt(vx * vx + vy * vy)
                    moving.velocity = (vx * k, vy * k)
                spin = moving.angular_velocity
                if spin > max_spin or spin < -max_spin:
                    moving.angular_velocity = math.copysign(max_spin, spin)
        self.steps += 1
        info = {"contact": self.touched}
        return self.observe(), 0.0, False, self.steps >= spec.max_steps, info

    def observe(self):
        """The state vector, and with a renderer also the image: (state, pixels), as Foresight's state+pixels."""
        values = []
        for body, scale in zip(self.bodies, self.scales):
            position, angle = body.position, body.angle
            velocity = body.velocity_at_world_point(position)
            values += (position.x, position.y, math.cos(angle), math.sin(angle),
                       velocity.x, velocity.y, body.angular_velocity, scale)
        state = self.np.asarray(values, dtype=self.np.float32)
        if self.renderer is not None:
            return state, self.renderer.draw(self)
        return state


class RandomPolicy:
    """Foresight's random policy: an Ornstein-Uhlenbeck walk in [-1, 1] per action entry, mapped onto the box."""

    def __init__(self, spec, seed, theta=0.15, sigma=0.3):
        self.rng = random.Random(seed)
        self.low, self.high = spec.action_low, spec.action_high
        self.theta, self.sigma = theta, sigma
        self.state = [self.rng.uniform(-1, 1) for _ in self.low]

    def action(self):
        state, action = self.state, []
        for i, (low, high) in enumerate(zip(self.low, self.high)):
            state[i] = min(1.0, max(-1.0, state[i] - self.theta * state[i] + self.sigma * self.rng.gauss(0, 1)))
            action.append(low + (state[i] + 1) / 2 * (high - low))
        return action


class PygameRenderer:
    """Draws the scene top-down into a pygame Surface and reads it back as H x W x 3 (top row = far edge).

    Same projection as Foresight's rasterizer: the table's longer side spans the image, +y up.
    """

    def __init__(self, spec, pygame, numpy, size):
        self.pygame, self.np, self.size = pygame, numpy, size
        self.surface = pygame.Surface((size, size))
        self.table_color = spec.table_color
        self.scale = size / max(spec.table_size)
        self.half = size / 2

    def to_pixels(self, point):
        return (self.half + point[0] * self.scale, self.half - point[1] * self.scale)

    def draw(self, environment):
        pygame, surface = self.pygame, self.surface
        surface.fill(self.table_color)
        for body, geometry, color in environment.drawables:
            for kind, data, radius in geometry:
                if kind == "circle":
                    pygame.draw.circle(surface, color, self.to_pixels(body.local_to_world(data)), radius * self.scale)
                else:
                    pygame.draw.polygon(surface, color, [self.to_pixels(body.local_to_world(v)) for v in data])
        return self.np.ascontiguousarray(pygame.surfarray.pixels3d(surface).transpose(1, 0, 2))


def measure(environment, seconds, seed):
    """Steps with the random policy's actions for about `seconds`; env steps/s, resets included.

    As `foresight bench sim` does, one episode of random-policy actions is drawn beforehand and
    replayed every episode, and episode k starts from reset(seed=k).
    """
    spec = environment.spec
    policy = RandomPolicy(spec, 7)
    actions = [policy.action() for _ in range(spec.max_steps)]
    episode = seed
    environment.reset(episode)
    steps, index, clock = 0, 0, Stopwatch()
    while True:
        for _ in range(50):
            if index == spec.max_steps:
                index, episode = 0, episode + 1
                environment.reset(episode)
            environment.step(actions[index])
            index += 1
        steps += 50
        if clock.elapsed() >= seconds:
            return steps / clock.elapsed()


def measure_bare(environment, seconds, seed):
    """The limit: a reset, then one episode of Space.step calls alone (nothing moves), repeated."""
    spec, episode, steps, clock = environment.spec, seed, 0, Stopwatch()
    while clock.elapsed() < seconds:
        episode += 1
        environment.reset(episode)
        for _ in range(spec.max_steps * spec.substeps):
            environment.space.step(spec.time_step)
        steps += spec.max_steps
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
            rate = measure_bare(PushEnvironment(spec, pymunk, numpy, monitor_contacts=False), args.seconds, args.seed)
            emit("sim.bare", rate, "steps/s", peer=PEER, **info)
        else:
            raise SystemExit(f"--observe: unknown row '{kind}' (expected state, pixels, bare)")
        log(f"pymunk: {kind}: {rate:.0f} env steps/s")


if __name__ == "__main__":
    main()
