"""How a Reply looks on Telegram: message parts within Telegram's lengths, buttons laid out in
rows, alerts marked. Pure functions, no network."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dialogs.messages import Alert, Button, Reply

MAX_TEXT = 4096  # sendMessage text
MAX_CAPTION = 1024  # sendPhoto and sendDocument caption
MAX_CALLBACK_DATA_BYTES = 64

SHORT_LABEL = 3  # "0" .. "10": such rows can hold more buttons
MAX_PER_ROW = 3
MAX_SHORT_PER_ROW = 6
ROW_CHARS = 32  # about what fits across a phone before Telegram truncates labels

ALERT_BANNERS = {
    Alert.SOON: "🩺 SEE A CLINICIAN SOON",
    Alert.URGENT: "⚠️ URGENT",
    Alert.EMERGENCY: "🚨 EMERGENCY",
}

Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True, slots=True)
class Part:
    """One Telegram message: a text, or a photo or a file with the text as its caption."""

    text: str
    rows: Rows = ()
    photo: str | None = None  # a file path
    document: str | None = None  # a file path


def telegram_length(text: str) -> int:
    """Telegram counts message lengths in UTF-16 code units (an emoji can count as two)."""
    return len(text.encode("utf-16-le")) // 2


def render(reply: Reply) -> list[Part]:
    """The messages for one reply, in order; the buttons go on the last one. An attachment
    carries the text as its caption when there is one attachment and the text fits."""
    text = marked_text(reply)
    rows = button_rows(reply.buttons)
    attachments = [Part("", photo=reply.image)] if reply.image else []
    attachments += [Part("", document=reply.document)] if reply.document else []
    if len(attachments) == 1 and telegram_length(text) <= MAX_CAPTION:
        return [replace(attachments[0], text=text, rows=rows)]
    chunks = split_text(text)
    return [*attachments, *(Part(c) for c in chunks[:-1]), Part(chunks[-1], rows)]


def marked_text(reply: Reply) -> str:
    text = reply.text if reply.text.strip() else "…"  # Telegram refuses empty messages
    banner = ALERT_BANNERS.get(reply.alert)
    return f"{banner}\n{text}" if banner else text


def button_rows(buttons: tuple[Button, ...]) -> Rows:
    """Up to three buttons a row while their labels fit across a phone; up to six when every
    label is as short as a number on a scale."""
    for button in buttons:
        check_callback_data(button.id)
    rows: list[tuple[Button, ...]] = []
    row: tuple[Button, ...] = ()
    for button in buttons:
        if row and not _fits((*row, button)):
            rows.append(row)
            row = ()
        row = (*row, button)
    if row:
        rows.append(row)
    return tuple(rows)


def _fits(row: tuple[Button, ...]) -> bool:
    labels = [len(b.label) for b in row]
    if all(n <= SHORT_LABEL for n in labels):
        return len(labels) <= MAX_SHORT_PER_ROW
    return len(labels) <= MAX_PER_ROW and sum(labels) <= ROW_CHARS


def check_callback_data(button_id: str) -> None:
    size = len(button_id.encode("utf-8"))
    if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
        raise ValueError(f"button id of {size} bytes: Telegram takes 1-64 bytes of callback data")


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit`, cut between paragraphs where possible, else between lines,
    else wherever the limit falls."""
    return _pack(text, limit, ("\n\n", "\n"))


def _pack(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if telegram_length(text) <= limit:
        return [text]
    if not separators:
        return _hard_split(text, limit)
    separator, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(separator):
        candidate = f"{current}{separator}{piece}" if current else piece
        if telegram_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if telegram_length(piece) <= limit:
            current = piece
        else:
            *whole, current = _pack(piece, limit, finer)
            chunks += whole
    if current:
        chunks.append(current)
    return [c for c in chunks if c.strip()] or ["…"]


def _hard_split(text: str, limit: int) -> list[str]:
    chunks: list[str] = []
    current, size = "", 0
    for char in text:
        width = telegram_length(char)
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    return [*chunks, current] if current else chunks
