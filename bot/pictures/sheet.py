"""A contact sheet: every exercise picture on one page, one family a row from its easiest
version on the left to its hardest, each named, so a reader can judge the style at a glance.

    python -m bot.pictures.sheet [docs/exercises.png]      (or: make pictures)

The pictures are drawn by the same code the bot uses, into a temporary folder."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.pictures.book import PictureBook
from content.bundle import load_content
from content.texts import DEFAULT_LANGUAGE

COLUMNS = 6
CELL_PX = 320  # each picture's width on the sheet
LABEL_PX = 40
HEADER_PX = 60
DPI = 100
DEFAULT_PATH = Path("docs/exercises.png")


def contact_sheet(book: PictureBook, path: Path) -> tuple[int, int]:
    """Draw the sheet of `book`'s pictures to `path`; its size in pixels. The pictures come in
    the content's order: family by family, each from its easiest version to its hardest."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    families = book.content.plans.catalogue.families.values()
    versions = [v.id for family in families for v in family.versions]
    images = {v: imread(str(book.planned[v].path)) for v in versions}
    rows = [versions[i : i + COLUMNS] for i in range(0, len(versions), COLUMNS)]
    heights = [round(max(_tall(images[v]) for v in row) * CELL_PX) + LABEL_PX for row in rows]
    width, height = CELL_PX * COLUMNS, HEADER_PX + sum(heights)
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    figure.text(0.01, 1 - HEADER_PX / 2 / height, HEADER, fontsize=18, va="center", weight="bold")
    top = HEADER_PX
    for row, row_height in zip(rows, heights, strict=True):
        for column, version in enumerate(row):
            _cell(figure, book, version, images[version], (column * CELL_PX, top), (width, height))
        top += row_height
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return width, height


def _cell(
    figure: Any,
    book: PictureBook,
    version: str,
    image: Any,
    at: tuple[int, int],
    size: tuple[int, int],
) -> None:
    """One picture, its top left corner `at` pixels from the sheet's, its name below."""
    (x, top), (width, height) = at, size
    shown = _tall(image) * CELL_PX
    ax = figure.add_axes(
        [x / width, (height - top - shown) / height, CELL_PX / width, shown / height]
    )
    ax.imshow(image, interpolation="antialiased")
    ax.axis("off")
    name = book.content.texts.get(DEFAULT_LANGUAGE, f"exercise.{version}.name")
    label_y = (height - top - shown - LABEL_PX / 2) / height
    figure.text((x + CELL_PX / 2) / width, label_y, name, ha="center", va="center", fontsize=11)


def _tall(image: Any) -> float:
    return float(image.shape[0]) / float(image.shape[1])


HEADER = "The exercise pictures: family by family, each from its easiest version to its hardest"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    with tempfile.TemporaryDirectory() as folder:
        book = PictureBook(Path(folder), load_content())
        started = time.perf_counter()
        drawn, _ = book.draw_missing()
        seconds = time.perf_counter() - started
        width, height = contact_sheet(book, path)
    print(f"drew {drawn} pictures in {seconds:.1f} s; the sheet is {path} ({width}x{height})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
