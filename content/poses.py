"""The pictures' pose data, loaded from poses.yaml and checked against the exercises: every
version has a picture of two key poses (or borrows another version's with `like`), each pose
builds (content.skeleton), nothing sinks below the floor, and the scene fits where the version
is done (a chair for a chair version, a bed for a bed one)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeGuard

from content.errors import ContentError
from content.exercises import Catalogue, Version
from content.skeleton import (
    LIMBS,
    Angles,
    Build,
    Limb,
    Point,
    Pose,
    PoseProblem,
    Reach,
    joints,
)
from content.texts import read_yaml

FILE = "poses.yaml"
GROUNDS = ("floor", "mat", "bed")  # what the figure rests on; the floor line is y = 0
VIEWS = ("side", "front")  # front: both sides drawn alike
PROP_NEEDS = {
    "chair": ("x",),  # x: the backrest; the seat runs towards `facing`
    "table": ("x", "to", "height"),
    "wall": ("x",),
    "step": ("x", "width", "height"),
    "cushion": ("x", "y", "width"),
}
ARROWS = ("path", "press")  # path: a joint from pose 1 to pose 2; press: a push at a joint
BELOW_FLOOR = -0.05


@dataclass(frozen=True)
class Prop:
    kind: str
    x: float = 0.0
    to: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    facing: str = "right"
    arms: bool = False


@dataclass(frozen=True)
class Arrow:
    kind: str
    joint: str
    bend: float = 0.3  # a path's curve
    from_deg: float = 90.0  # a press: the direction it comes from
    length: float = 1.8  # a press's length; the least a path is drawn
    by: Point = (0.0, 0.0)  # the arrow moved off the body by this much


@dataclass(frozen=True)
class Picture:
    version: str
    ground: str
    view: str
    props: tuple[Prop, ...]
    poses: tuple[Pose, Pose]
    arrows: tuple[Arrow, ...]
    points: tuple[dict[str, Point], dict[str, Point]]


@dataclass(frozen=True)
class Poses:
    build: Build
    pictures: dict[str, Picture]  # by exercise version

    def of(self, version: Version) -> Picture:
        return self.pictures[version.id]


def load_poses(directory: Path, catalogue: Catalogue) -> Poses:
    raw = _mapping(read_yaml(directory / FILE), "-")
    build = _build(_mapping(raw.get("figure"), "figure"))
    specs = _mapping(raw.get("pictures"), "pictures")
    versions = {v.id: v for f in catalogue.families.values() for v in f.versions}
    for name in specs:
        if name not in versions:
            raise ContentError(FILE, str(name), "names no exercise version")
    pictures = {}
    for vid, version in versions.items():
        spec = _mapping(specs.get(vid), vid) if vid in specs else None
        if spec is None:
            raise ContentError(FILE, vid, "this exercise version has no picture")
        pictures[vid] = _picture(vid, _borrowed(vid, spec, specs), build, version)
    return Poses(build, pictures)


def _borrowed(vid: str, spec: dict[str, Any], specs: dict[str, Any]) -> dict[str, Any]:
    like = spec.get("like")
    if like is None:
        return spec
    other = specs.get(like)
    if not isinstance(other, dict) or "like" in other:
        raise ContentError(FILE, vid, f"like names no picture of its own: {like!r}")
    return other


def _build(spec: dict[str, Any]) -> Build:
    values = {}
    for field in fields(Build):
        value = spec.get(field.name)
        if not _number(value) or value <= 0:
            raise ContentError(FILE, f"figure.{field.name}", "needs a length above 0")
        values[field.name] = float(value)
    return Build(**values)


def _picture(vid: str, spec: dict[str, Any], build: Build, version: Version) -> Picture:
    ground, view = spec.get("ground"), spec.get("view", "side")
    if ground not in GROUNDS:
        raise ContentError(FILE, vid, f"ground must be one of {', '.join(GROUNDS)}")
    if view not in VIEWS:
        raise ContentError(FILE, vid, f"view must be one of {', '.join(VIEWS)}")
    props = tuple(_prop(vid, _mapping(p, vid)) for p in spec.get("props") or ())
    raw_poses = spec.get("poses")
    if not isinstance(raw_poses, list) or len(raw_poses) != 2:
        raise ContentError(FILE, vid, "needs two key poses: the start and the end")
    first = _with_far_limbs(_mapping(raw_poses[0], f"{vid}.1"))
    second = {**first, **_mapping(raw_poses[1], f"{vid}.2")}  # the end says what changes
    poses = (_pose(f"{vid}.1", first), _pose(f"{vid}.2", second))
    points = (_placed(f"{vid}.1", poses[0], build), _placed(f"{vid}.2", poses[1], build))
    arrows = tuple(_arrow(vid, _mapping(a, vid), points[1]) for a in spec.get("arrows") or ())
    picture = Picture(vid, str(ground), str(view), props, poses, arrows, points)
    _fits_where_done(picture, version)
    return picture


def _with_far_limbs(spec: dict[str, Any]) -> dict[str, Any]:
    """A far limb not given mirrors the near one (in the first pose; the second keeps them)."""
    far = {f"far_{near}": spec.get(near) for near in ("arm", "leg")}
    return {**far, **spec}


def _pose(where: str, spec: dict[str, Any]) -> Pose:
    trunk = _angle(where, spec, "trunk")
    limbs: dict[str, Limb] = {}
    for limb in LIMBS:
        parts = 2 if limb.endswith("arm") else 3
        limbs[limb] = _limb(f"{where}.{limb}", spec.get(limb), parts)
    straps = tuple(_strap(where, s) for s in spec.get("straps") or ())
    return Pose(
        hip=_point(f"{where}.hip", spec.get("hip")),
        trunk=trunk,
        round=_float(f"{where}.round", spec.get("round", 0.0)),
        head=_angle(where, spec, "head") if "head" in spec else trunk,
        limbs=limbs,
        straps=straps,
    )


def _limb(where: str, raw: object, parts: int) -> Limb:
    if isinstance(raw, list) and len(raw) == parts and all(_number(a) for a in raw):
        return Angles(tuple(float(a) for a in raw))
    if isinstance(raw, dict) and "to" in raw:
        to = raw["to"]
        target: Point | str = to if isinstance(to, str) else _point(f"{where}.to", to)
        bend = raw.get("bend", 1)
        if bend not in (1, -1):
            raise ContentError(FILE, where, "bend must be 1 or -1")
        by = _point(f"{where}.by", raw.get("by", [0, 0]))
        return Reach(target, by, int(bend), _float(f"{where}.foot", raw.get("foot", 0.0)))
    raise ContentError(
        FILE, where, f"needs {parts} directions in degrees, or `to:` a point or a joint"
    )


def _placed(where: str, pose: Pose, build: Build) -> dict[str, Point]:
    try:
        points = joints(pose, build)
    except PoseProblem as exc:
        raise ContentError(FILE, where, str(exc)) from None
    for name, (_, y) in points.items():
        bottom = y - (build.head if name == "head" else 0.0)
        if bottom < BELOW_FLOOR:
            raise ContentError(FILE, where, f"the {name} is below the floor (y = {y:.2f})")
    for a, b in pose.straps:
        if a not in points or b not in points:
            raise ContentError(FILE, where, f"a strap names no joint: {a!r} or {b!r}")
    return points


def _prop(vid: str, spec: dict[str, Any]) -> Prop:
    kind = spec.get("kind")
    if kind not in PROP_NEEDS:
        raise ContentError(FILE, vid, f"a prop's kind must be one of {', '.join(PROP_NEEDS)}")
    for need in PROP_NEEDS[kind]:
        if not _number(spec.get(need)):
            raise ContentError(FILE, f"{vid}.{kind}", f"needs a number for {need}")
    if spec.get("facing", "right") not in ("left", "right"):
        raise ContentError(FILE, f"{vid}.{kind}", "facing must be left or right")
    numbers = {k: float(spec[k]) for k in ("x", "to", "y", "width", "height") if k in spec}
    facing, arms = str(spec.get("facing", "right")), bool(spec.get("arms", False))
    return Prop(str(kind), **numbers, facing=facing, arms=arms)


def _arrow(vid: str, spec: dict[str, Any], points: dict[str, Point]) -> Arrow:
    kind = next((k for k in ARROWS if k in spec), None)
    joint = spec.get(kind) if kind else None
    if kind is None or joint not in points:
        raise ContentError(FILE, vid, f"an arrow needs path: or press: and a joint, not {spec}")
    extra = {k: float(spec[k]) for k in ("bend", "length") if _number(spec.get(k))}
    if _number(spec.get("from")):
        extra["from_deg"] = float(spec["from"])
    by = _point(f"{vid}.arrow.by", spec.get("by", [0, 0]))
    return Arrow(kind, str(joint), **extra, by=by)


def _fits_where_done(picture: Picture, version: Version) -> None:
    """The picture shows the version where it is done first: on its chair, its bed, the
    floor or standing."""
    where = version.surfaces[0]
    kinds = {p.kind for p in picture.props}
    fits = {
        "chair": "chair" in kinds,
        "bed": picture.ground == "bed",
        "floor": picture.ground in ("floor", "mat"),
        "standing": picture.ground == "floor",
    }
    if not fits[where]:
        raise ContentError(FILE, version.id, f"the picture does not show it done on: {where}")


def _strap(where: str, raw: object) -> tuple[str, str]:
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(j, str) for j in raw):
        return (raw[0], raw[1])
    raise ContentError(FILE, where, "a strap joins two joints: [hand_near, thigh_near]")


def _angle(where: str, spec: dict[str, Any], key: str) -> float:
    value = spec.get(key)
    if not _number(value) or not -360 <= value <= 360:
        raise ContentError(FILE, f"{where}.{key}", "needs a direction in degrees")
    return float(value)


def _point(where: str, raw: object) -> Point:
    if isinstance(raw, list) and len(raw) == 2 and all(_number(v) for v in raw):
        return (float(raw[0]), float(raw[1]))
    raise ContentError(FILE, where, "needs a point [x, y]")


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _float(where: str, value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ContentError(FILE, where, "needs a number")
    return float(value)


def _mapping(node: object, entry: str) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise ContentError(FILE, entry, "expected a mapping")
    return node
