"""What the figure rests on and holds, drawn in figure units: the floor, a mat, a bed, a chair,
a worktop, a wall, a low step, a cushion. Each prop also says how much room it needs, so that
a picture's frame holds all of it."""

from __future__ import annotations

from typing import Any

from content.poses import Prop

FLOOR = "#343a40"
FLOOR_BAND = "#e9ecef"
MAT = "#4dabf7"
WOOD = "#7f4f24"
BED_FILL = "#ffe8cc"
WALL_FILL = "#ced4da"
SOFT_FILL = "#ffd8a8"
WOOD_WIDTH = 0.3  # units
SEAT_TOP = 2.3
CHAIR_DEPTH = 2.1
BACK_TOP = 5.3
ARMREST = 3.5
MATTRESS, BED_LEGS = 1.0, 1.2  # the mattress's depth below y = 0; the legs below that
BAND = 0.35


class Pen:
    """Units to points for one panel (matplotlib's line widths are in points)."""

    def __init__(self, points_per_unit: float) -> None:
        self.per_unit = points_per_unit

    def width(self, units: float) -> float:
        return units * self.per_unit


def room(prop: Prop) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) a prop takes."""
    if prop.kind == "chair":
        x0, x1 = _seat_span(prop)
        return (x0 - 0.2, 0.0, x1 + 0.2, BACK_TOP)
    if prop.kind == "table":
        return (min(prop.x, prop.to), 0.0, max(prop.x, prop.to), prop.height)
    if prop.kind == "wall":
        return (prop.x - 0.6, 0.0, prop.x + 0.6, BACK_TOP + 2.5)
    if prop.kind == "step":
        return (prop.x, 0.0, prop.x + prop.width, prop.height)
    return (prop.x - prop.width / 2, prop.y, prop.x + prop.width / 2, prop.y + _soft(prop))


def ground_depth(ground: str) -> float:
    return MATTRESS + BED_LEGS if ground == "bed" else BAND


def draw_ground(ax: Any, ground: str, span: tuple[float, float], pen: Pen) -> None:
    """The floor across the whole panel; a mat or a bed under the figure's `span`."""
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    floor_y = -(MATTRESS + BED_LEGS) if ground == "bed" else 0.0
    ax.add_patch(Rectangle((x0, floor_y - BAND), x1 - x0, BAND, color=FLOOR_BAND, zorder=1))
    ax.plot([x0, x1], [floor_y, floor_y], color=FLOOR, lw=pen.width(0.16), zorder=2)
    left, right = span[0] - 0.7, span[1] + 0.7
    if ground == "mat":
        ax.add_patch(Rectangle((left, 0.0), right - left, 0.13, color=MAT, zorder=2))
    if ground == "bed":
        _bed(ax, left, right, floor_y, pen)


def _bed(ax: Any, left: float, right: float, floor_y: float, pen: Pen) -> None:
    from matplotlib.patches import FancyBboxPatch

    for x in (left + 0.3, right - 0.3):
        ax.plot([x, x], [floor_y, -MATTRESS], color=WOOD, lw=pen.width(WOOD_WIDTH), zorder=2)
    ax.plot([left, left], [floor_y, 1.4], color=WOOD, lw=pen.width(WOOD_WIDTH), zorder=2)
    mattress = FancyBboxPatch(
        (left, -MATTRESS),
        right - left,
        MATTRESS,
        boxstyle="round,pad=0,rounding_size=0.3",
        facecolor=BED_FILL,
        edgecolor=FLOOR,
        lw=pen.width(0.08),
        zorder=2,
    )
    ax.add_patch(mattress)


def draw_prop(ax: Any, prop: Prop, pen: Pen) -> None:
    draw = {"chair": _chair, "table": _table, "wall": _wall, "step": _step}
    draw.get(prop.kind, _cushion)(ax, prop, pen)


def _seat_span(prop: Prop) -> tuple[float, float]:
    if prop.facing == "right":
        return (prop.x, prop.x + CHAIR_DEPTH)
    return (prop.x - CHAIR_DEPTH, prop.x)


def _chair(ax: Any, prop: Prop, pen: Pen) -> None:
    """In profile: the backrest at x, the seat running towards `facing`."""
    width = pen.width(WOOD_WIDTH)
    front = prop.x + (CHAIR_DEPTH if prop.facing == "right" else -CHAIR_DEPTH)
    inset = 0.15 if prop.facing == "right" else -0.15
    line = {"color": WOOD, "lw": width, "solid_capstyle": "round", "zorder": 3}
    ax.plot([prop.x, front], [SEAT_TOP, SEAT_TOP], **line)
    ax.plot([prop.x, prop.x], [0.0, BACK_TOP], **line)
    ax.plot([front - inset, front - inset], [0.0, SEAT_TOP], **line)
    if prop.arms:
        rest_end = prop.x + (CHAIR_DEPTH - 0.4) * (1 if prop.facing == "right" else -1)
        ax.plot([prop.x, rest_end], [ARMREST, ARMREST], **line)
        ax.plot([rest_end, rest_end], [SEAT_TOP, ARMREST], **line)


def _table(ax: Any, prop: Prop, pen: Pen) -> None:
    """A worktop: its edge at x, running to `to`, one leg at the far end."""
    line = {"color": WOOD, "solid_capstyle": "butt", "zorder": 3}
    ax.plot([prop.x, prop.to], [prop.height, prop.height], lw=pen.width(0.4), **line)
    leg = prop.to - 0.3 if prop.to > prop.x else prop.to + 0.3
    ax.plot([leg, leg], [0.0, prop.height], lw=pen.width(WOOD_WIDTH), **line)


def _wall(ax: Any, prop: Prop, pen: Pen) -> None:
    """A wall whose room is on the side it faces."""
    from matplotlib.patches import Rectangle

    top = ax.get_ylim()[1]
    behind = prop.x - 0.5 if prop.facing == "right" else prop.x
    ax.add_patch(Rectangle((behind, 0.0), 0.5, top, color=WALL_FILL, zorder=1))
    ax.plot([prop.x, prop.x], [0.0, top], color=FLOOR, lw=pen.width(0.14), zorder=2)


def _step(ax: Any, prop: Prop, pen: Pen) -> None:
    from matplotlib.patches import Rectangle

    box = Rectangle((prop.x, 0.0), prop.width, prop.height, zorder=3)
    box.set(facecolor=WALL_FILL, edgecolor=FLOOR, lw=pen.width(0.1))
    ax.add_patch(box)


def _cushion(ax: Any, prop: Prop, pen: Pen) -> None:
    from matplotlib.patches import FancyBboxPatch

    cushion = FancyBboxPatch(
        (prop.x - prop.width / 2, prop.y),
        prop.width,
        _soft(prop),
        boxstyle="round,pad=0,rounding_size=0.15",
        facecolor=SOFT_FILL,
        edgecolor=WOOD,
        lw=pen.width(0.06),
        zorder=3,
    )
    ax.add_patch(cushion)


def _soft(prop: Prop) -> float:
    return prop.height or 0.35
