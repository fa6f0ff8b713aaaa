"""One exercise picture from its pose data, as a PNG: the start (1) and the end (2) position,
side by side, or one above the other where the figure lies long; in the end panel the start
pose stays faint behind, with arrows for the movement, and an hourglass when the end position
is held. Lines are sized in figure units, so every picture has the same style; matplotlib is
imported only when a picture is drawn."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from bot.pictures.scene import Pen, draw_ground, draw_prop, ground_depth, room
from content.poses import Arrow, Picture
from content.skeleton import Build, Point, Pose, on_spine, toward
from dialogs.private_files import write_private

WIDTH_PX = 1000
DPI = 100
BODY = "#14213d"
FAR = "#6c7a91"
GHOST = "#d3d9e2"
ACCENT = "#e8590c"
STRAP = "#2b8a3e"
BADGE = "#14213d"
PAD, TOP_PAD, GAP = 0.4, 1.3, 0.9  # units around each panel, above it, and between panels
CORNER = 1.4  # the square the number takes in the top left corner; the hourglass, the next
MAX_STACKED_RATIO = 1.5  # height to width
OUTLINE = 0.12  # units of white around each limb, so crossing limbs stay apart

Box = tuple[float, float, float, float]


def draw_picture(
    picture: Picture, build: Build, held: bool, path: Path, title: str, alt: str
) -> None:
    """Draw `picture` to `path` (0600, written whole), with its title and alt text kept in the
    PNG's Title and Description."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure without pyplot: no global state

    box = frame(picture, build)
    stacked = _stacked(box)
    width, height = _size(box, stacked)
    figure = Figure(figsize=(WIDTH_PX / DPI, WIDTH_PX * height / width / DPI), dpi=DPI)
    figure.patch.set_facecolor("white")
    pen = Pen(WIDTH_PX / width * 72 / DPI)
    for index in (0, 1):
        ax = figure.add_axes(_panel_rect(box, stacked, index, width, height))
        ax.set_xlim(box[0], box[2])
        ax.set_ylim(box[1], box[3])
        ax.set_aspect("equal")
        ax.axis("off")
        _panel(ax, picture, build, index, pen)
        if index == 1 and held:
            _hourglass(ax, pen)
    metadata = {"Title": title, "Description": alt, "Software": "backwalk-bot"}
    write_private(path, lambda handle: figure.savefig(handle, format="png", metadata=metadata))


def frame(picture: Picture, build: Build) -> Box:
    """The box both panels show: both poses, the props and the ground, with room around, and
    room above when the corners the number and the hourglass take are not free."""
    parts: list[Box] = [(0.0, -ground_depth(picture.ground), 0.0, 0.0)]
    for points in picture.points:
        for name, (x, y) in points.items():
            reach = build.head if name == "head" else build.limb_width
            parts.append((x - reach, y - reach, x + reach, y + reach))
    parts += [room(prop) for prop in picture.props]
    for arrow in picture.arrows:
        (x0, y0), (x1, y1) = arrow_ends(arrow, picture.points)
        parts.append((min(x0, x1) - 0.3, min(y0, y1) - 0.3, max(x0, x1) + 0.3, max(y0, y1) + 0.3))
    box = (
        min(p[0] for p in parts) - PAD,
        min(p[1] for p in parts),  # the band under the floor is the margin
        max(p[2] for p in parts) + PAD,
        max(p[3] for p in parts) + PAD,
    )
    corner = (box[0], box[3] - CORNER, box[0] + 2 * CORNER, box[3])  # the number, the hourglass
    if any(_overlap(part, corner) for part in parts):
        box = (box[0], box[1], box[2], box[3] + TOP_PAD)
    return box


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _stacked(box: Box) -> bool:
    """One above the other when that still fits a phone's screen (a figure lying down): the
    figure is then drawn twice as large as side by side."""
    w, h = box[2] - box[0], box[3] - box[1]
    return (2 * h + GAP) / w <= MAX_STACKED_RATIO


def _size(box: Box, stacked: bool) -> tuple[float, float]:
    w, h = box[2] - box[0], box[3] - box[1]
    return (w, 2 * h + GAP) if stacked else (2 * w + GAP, h)


def _panel_rect(box: Box, stacked: bool, index: int, width: float, height: float) -> Box:
    w, h = box[2] - box[0], box[3] - box[1]
    if stacked:
        bottom = (h + GAP) / height if index == 0 else 0.0
        return (0.0, bottom, 1.0, h / height)
    return (index * (w + GAP) / width, 0.0, w / width, 1.0)


def _panel(ax: Any, picture: Picture, build: Build, index: int, pen: Pen) -> None:
    points = picture.points[index]
    xs = [x for p in picture.points for x, _ in p.values()]
    draw_ground(ax, picture.ground, (min(xs), max(xs)), pen)
    for prop in picture.props:
        draw_prop(ax, prop, pen)
    if index == 1:
        _figure(ax, picture.poses[0], picture.points[0], build, pen, ghost=True)
    _figure(ax, picture.poses[index], points, build, pen, front=picture.view == "front")
    if index == 1:
        for arrow in picture.arrows:
            _arrow(ax, arrow, picture.points, pen)
    _badge(ax, str(index + 1), pen)


def _figure(
    ax: Any,
    pose: Pose,
    points: dict[str, Point],
    build: Build,
    pen: Pen,
    ghost: bool = False,
    front: bool = False,
) -> None:
    body = GHOST if ghost else BODY
    far = GHOST if ghost else (BODY if front else FAR)
    z = 4 if ghost else 6
    limb = build.limb_width

    def stroke(chain: list[Point], colour: str, width: float, zorder: float) -> None:
        _stroke(ax, chain, colour, pen.width(width), pen.width(OUTLINE), not ghost, zorder)

    stroke(_leg(points, "far"), far, limb, z)
    stroke(_arm(points, "far"), far, limb, z)
    spine = [on_spine(pose, build, t / 12) for t in range(13)]
    stroke([points["shoulder"], points["head"]], body, limb * 0.8, z + 0.5)
    stroke(spine, body, build.trunk_width, z + 0.5)
    _head(ax, points["head"], build.head, body, pen, z + 0.6)
    stroke(_leg(points, "near"), body, limb, z + 1)
    stroke(_arm(points, "near"), body, limb, z + 1)
    for a, b in pose.straps:
        colour = GHOST if ghost else STRAP
        _stroke(ax, [points[a], points[b]], colour, pen.width(0.14), 0, False, z + 1.5)


def _leg(points: dict[str, Point], side: str) -> list[Point]:
    return [points["hip"], points[f"knee_{side}"], points[f"ankle_{side}"], points[f"toe_{side}"]]


def _arm(points: dict[str, Point], side: str) -> list[Point]:
    return [points["shoulder"], points[f"elbow_{side}"], points[f"hand_{side}"]]


def _stroke(
    ax: Any,
    chain: list[Point],
    colour: str,
    width: float,
    outline: float,
    outlined: bool,
    zorder: float,
) -> None:
    from matplotlib import patheffects

    effects = [patheffects.Stroke(linewidth=width + 2 * outline, foreground="white")]
    (line,) = ax.plot(
        [p[0] for p in chain],
        [p[1] for p in chain],
        color=colour,
        lw=width,
        solid_capstyle="round",
        solid_joinstyle="round",
        zorder=zorder,
    )
    if outlined:
        line.set_path_effects([*effects, patheffects.Normal()])


def _head(ax: Any, centre: Point, radius: float, colour: str, pen: Pen, zorder: float) -> None:
    from matplotlib.patches import Circle

    head = Circle(centre, radius, facecolor=colour, edgecolor="white", zorder=zorder)
    head.set_linewidth(pen.width(OUTLINE))
    ax.add_patch(head)


def _arrow(ax: Any, arrow: Arrow, points: tuple[dict[str, Point], ...], pen: Pen) -> None:
    from matplotlib import patheffects
    from matplotlib.patches import FancyArrowPatch

    start, end = arrow_ends(arrow, points)
    style = f"arc3,rad={arrow.bend if arrow.kind == 'path' else 0}"
    patch = FancyArrowPatch(
        start,
        end,
        connectionstyle=style,
        arrowstyle="-|>",
        mutation_scale=pen.width(0.9),
        lw=pen.width(0.2),
        color=ACCENT,
        shrinkA=pen.width(0.1),
        shrinkB=pen.width(0.1),
        zorder=9,
    )
    patch.set_path_effects(
        [patheffects.Stroke(linewidth=pen.width(0.36), foreground="white"), patheffects.Normal()]
    )
    ax.add_patch(patch)


def arrow_ends(arrow: Arrow, points: tuple[dict[str, Point], ...]) -> tuple[Point, Point]:
    """Where an arrow starts and ends: a path from the joint in pose 1 to it in pose 2, a
    press towards the joint in pose 2; both moved off the body by the arrow's `by`."""
    dx, dy = arrow.by
    end = points[1][arrow.joint]
    end = (end[0] + dx, end[1] + dy)
    if arrow.kind == "press":
        return toward(end, arrow.from_deg, arrow.length), end
    start = points[0][arrow.joint]
    return _long_enough((start[0] + dx, start[1] + dy), end, arrow.length)


def _long_enough(start: Point, end: Point, length: float) -> tuple[Point, Point]:
    """A short movement's arrow drawn at least `length` long, about the same middle."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    now = math.hypot(dx, dy)
    if now >= length or now == 0:
        return start, end
    grow = (length - now) / 2 / now
    return (start[0] - dx * grow, start[1] - dy * grow), (end[0] + dx * grow, end[1] + dy * grow)


def _badge(ax: Any, number: str, pen: Pen) -> None:
    from matplotlib.patches import Circle

    centre = (ax.get_xlim()[0] + 0.7, ax.get_ylim()[1] - 0.65)
    ax.add_patch(Circle(centre, 0.55, color=BADGE, zorder=10))
    ax.text(
        *centre,
        number,
        color="white",
        fontsize=pen.width(0.72),
        fontweight="bold",
        ha="center",
        va="center_baseline",
        zorder=11,
    )


def _hourglass(ax: Any, pen: Pen) -> None:
    """Held: an hourglass beside the end panel's number."""
    from matplotlib.patches import Polygon

    x, y = ax.get_xlim()[0] + 1.9, ax.get_ylim()[1] - 0.65
    w, h = 0.45, 0.6
    shape = [(x - w, y + h), (x + w, y + h), (x - w, y - h), (x + w, y - h)]
    glass = Polygon(shape, closed=True, facecolor="white", edgecolor=BODY, zorder=10)
    glass.set_linewidth(pen.width(0.12))
    ax.add_patch(glass)
    sand = Polygon([(x, y - 0.05), (x - 0.3, y - h + 0.08), (x + 0.3, y - h + 0.08)], color=ACCENT)
    sand.set_zorder(11)
    ax.add_patch(sand)
