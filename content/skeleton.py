"""A stick figure's joints, worked out from one key pose of content/poses.yaml.

A pose says where the hip joint is and which way each body part points, in degrees (0 is to
the right, 90 is up), or where a hand or foot reaches with the elbow or knee bent to one side.
The lengths come from the figure's build, so no limb can be stretched by a typo. Units: the
figure stands about 10 tall; the floor is y = 0. Pure geometry, no drawing."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

Point = tuple[float, float]
LIMBS = ("arm", "far_arm", "leg", "far_leg")
SIDES = {"arm": "near", "far_arm": "far", "leg": "near", "far_leg": "far"}
STRETCH = 1.03  # a reach this much beyond the limb's length is taken as a straight limb


class PoseProblem(ValueError):
    """A pose that cannot be built; the loader adds the file and the entry."""


@dataclass(frozen=True)
class Build:
    """Bone lengths and thicknesses, in figure units."""

    trunk: float
    neck: float
    head: float  # radius
    upper_arm: float
    forearm: float
    thigh: float
    shin: float
    foot: float
    limb_width: float
    trunk_width: float


@dataclass(frozen=True)
class Angles:
    """Each part's direction: upper arm and forearm, or thigh, shin and foot."""

    parts: tuple[float, ...]


@dataclass(frozen=True)
class Reach:
    """The hand (or the ankle) at a point, or at a joint moved `by`; the elbow (or knee) bends
    to the left of the line from shoulder to hand when `bend` is 1, to the right when -1."""

    to: Point | str
    by: Point
    bend: int
    foot: float  # a leg's foot direction; unused for an arm


Limb = Angles | Reach


@dataclass(frozen=True)
class Pose:
    hip: Point
    trunk: float  # direction from the hip to the shoulder
    round: float  # the back's curve at its middle: > 0 rounded, < 0 arched
    head: float  # direction from the shoulder to the centre of the head
    limbs: Mapping[str, Limb]  # arm, far_arm, leg, far_leg
    straps: tuple[tuple[str, str], ...] = ()  # a towel or band between two joints


def toward(start: Point, degrees: float, length: float) -> Point:
    rad = math.radians(degrees)
    return (start[0] + length * math.cos(rad), start[1] + length * math.sin(rad))


def distance(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def two_bones(root: Point, target: Point, first: float, second: float, bend: int) -> Point:
    """The middle joint (elbow or knee) of a limb whose end reaches `target`."""
    reach = distance(root, target)
    base = math.degrees(math.atan2(target[1] - root[1], target[0] - root[0]))
    if reach > first + second:
        if reach > (first + second) * STRETCH:
            raise PoseProblem(f"cannot reach {target}: {reach:.2f} away, the limb is shorter")
        return toward(root, base, first)
    if reach < abs(first - second) or reach == 0:
        raise PoseProblem(f"cannot fold the limb to reach {target}")
    cosine = (first**2 + reach**2 - second**2) / (2 * first * reach)
    angle = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
    return toward(root, base + bend * angle, first)


def joints(pose: Pose, build: Build) -> dict[str, Point]:
    """Every joint of the pose by name: hip, shoulder, head, the back's middle (waist, belly,
    low_back), and per side (near, far) elbow, hand, knee, ankle, toe and mid-thigh."""
    points: dict[str, Point] = {"hip": pose.hip}
    points["shoulder"] = toward(pose.hip, pose.trunk, build.trunk)
    points["head"] = toward(points["shoulder"], pose.head, build.neck)
    _back(points, pose, build)
    for limb in ("leg", "far_leg", "arm", "far_arm"):  # arms last: a hand may hold a knee
        _limb(points, limb, pose.limbs[limb], build)
    return points


def spine_control(pose: Pose, build: Build) -> Point:
    """The control point of the back's curve (a quadratic Bézier from hip to shoulder) that
    puts its middle `round` away from the straight line, towards the back."""
    middle = toward(pose.hip, pose.trunk, build.trunk / 2)
    return toward(middle, pose.trunk + 90, 2 * pose.round)


def on_spine(pose: Pose, build: Build, t: float) -> Point:
    hip, shoulder = pose.hip, toward(pose.hip, pose.trunk, build.trunk)
    control = spine_control(pose, build)
    x = (1 - t) ** 2 * hip[0] + 2 * (1 - t) * t * control[0] + t**2 * shoulder[0]
    y = (1 - t) ** 2 * hip[1] + 2 * (1 - t) * t * control[1] + t**2 * shoulder[1]
    return (x, y)


def _back(points: dict[str, Point], pose: Pose, build: Build) -> None:
    half = build.trunk_width / 2
    points["waist"] = on_spine(pose, build, 0.5)
    points["belly"] = toward(on_spine(pose, build, 0.4), pose.trunk - 90, half)
    points["low_back"] = toward(on_spine(pose, build, 0.3), pose.trunk + 90, half)


def _limb(points: dict[str, Point], limb: str, spec: Limb, build: Build) -> None:
    side = SIDES[limb]
    is_arm = limb.endswith("arm")
    root = points["shoulder"] if is_arm else points["hip"]
    first, second = (build.upper_arm, build.forearm) if is_arm else (build.thigh, build.shin)
    middle_name, end_name = ("elbow", "hand") if is_arm else ("knee", "ankle")
    if isinstance(spec, Angles):
        middle = toward(root, spec.parts[0], first)
        end = toward(middle, spec.parts[1], second)
        foot = spec.parts[2] if len(spec.parts) > 2 else 0.0
    else:
        target = _target(points, spec)
        middle = two_bones(root, target, first, second, spec.bend)
        end = toward(middle, _direction(middle, target), second)
        foot = spec.foot
    points[f"{middle_name}_{side}"] = middle
    points[f"{end_name}_{side}"] = end
    if not is_arm:
        points[f"toe_{side}"] = toward(end, foot, build.foot)
        along = (middle[0] - root[0], middle[1] - root[1])
        points[f"thigh_{side}"] = (root[0] + 0.6 * along[0], root[1] + 0.6 * along[1])


def _target(points: Mapping[str, Point], spec: Reach) -> Point:
    if isinstance(spec.to, str):
        if spec.to not in points:
            raise PoseProblem(f"reaches for {spec.to!r}, which is not placed before this limb")
        base = points[spec.to]
    else:
        base = spec.to
    return (base[0] + spec.by[0], base[1] + spec.by[1])


def _direction(start: Point, end: Point) -> float:
    return math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
