"""The Engine: one entry point that takes an incoming event and returns the replies to send.

Each event runs as one transaction: the user's record is loaded under a lock, advanced by the
Dialog, saved, and its replies queued in the outbox, before anything is sent."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import logging
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from content.bundle import Content
from dialogs.dialog import MAX_TEXT, QUERIES, Dialog
from dialogs.messages import ButtonPress, Command, Incoming, Outgoing, Reply, TextMessage
from dialogs.pictures import NO_PICTURES, Pictures
from dialogs.ports import JsonDict, Store, UserKey, UserRecord
from dialogs.private_files import TEMPORARY_SUFFIX, write_private
from dialogs.progress import export_document, has_walks, series_from, summary, worth_a_chart
from dialogs.report import Charts, build_report
from dialogs.step_errors import StepError, guarded, trace_without_values
from dialogs.turns import Turns

log = logging.getLogger(__name__)

UNSAVED = 0  # outbox id of a reply that was never stored (an apology, a read-only query)
FORGET_CONFIRMED = "forget.yes"
DEFAULT_FILES_DIR = Path("data")


def file_owner(key: UserKey) -> str:
    """The part of a file name that says whose file it is, and /forget deletes by: a hash of
    the whole key, so ids that differ only in punctuation, or one that starts with another,
    never share a name (and no id appears in a file name)."""
    whole = f"{key.platform}\0{key.user_id}".encode()
    return hashlib.sha256(whole).hexdigest()[:32]


class Engine:
    def __init__(
        self,
        store: Store,
        content: Content,
        charts: Charts | None = None,
        files_dir: Path = DEFAULT_FILES_DIR,
        pictures: Pictures = NO_PICTURES,
    ) -> None:
        self.store = store
        self.content = content
        self.dialog = Dialog(content, pictures=pictures)
        self.charts = charts
        self.files_dir = files_dir
        self._turns: Turns[UserKey] = Turns()  # one user's events one at a time, in order

    async def handle(self, event: Incoming) -> list[Outgoing]:
        key = UserKey(event.sender.platform, event.sender.user_id)
        if isinstance(event, Command) and event.name in QUERIES and not self._flags(event):
            return await self._query(key, event)
        if isinstance(event, TextMessage) and len(event.text) > MAX_TEXT:
            # a long paste is read off the event loop; the step then sees a short text
            event = replace(event, text=await asyncio.to_thread(self.dialog.shorten, event.text))
        async with self._turns.of(key):
            try:
                step = guarded(partial(self.dialog.step, event))
                replies = await self.store.apply(key, step, event.at)
                if isinstance(event, ButtonPress) and event.button_id == FORGET_CONFIRMED:
                    await self._delete_files_if_forgotten(key)
                return replies
            except Exception as exc:  # a bug in the step, or the database is away: change nothing
                return [self._failed(event, exc)]

    async def _delete_files_if_forgotten(self, key: UserKey) -> None:
        """Only a confirmed /forget deletes files: a forged or stale forget.yes is refused by
        the dialog, and the user's rows are then still there."""
        if await self.store.load(key) is None:
            await asyncio.to_thread(self._delete_files, key)

    async def reminder_due(self, key: UserKey, now: datetime) -> list[Outgoing]:
        """Run the user's reminder if it is due (the dispatcher claimed it): in one transaction
        the reminder is queued, the day is recorded, and the next one is scheduled."""
        async with self._turns.of(key):
            return await self.store.apply(key, partial(self.dialog.reminder_due, now), now)

    async def unreachable(self, platform: str, user_id: str, now: datetime) -> None:
        """The platform says the user blocked the bot or closed their DMs: note it, so that
        reminders pause until the user writes again."""
        key = UserKey(platform, user_id)
        await self.store.apply(key, partial(self.dialog.mark_unreachable, now), now)

    async def delivered(self, sent: list[Outgoing]) -> None:
        await self.store.mark_sent([o.outbox_id for o in sent if o.outbox_id != UNSAVED])

    async def undelivered(
        self, platform: str, now: datetime, older_than_s: float = 30.0, user_id: str | None = None
    ) -> list[Outgoing]:
        """Replies that were committed but never marked sent, e.g. after a crash."""
        return await self.store.claim_unsent(platform, now, older_than_s, user_id)

    def _delete_files(self, key: UserKey) -> None:
        """Exports and charts are about the user too: /forget removes them with the rows."""
        owner = file_owner(key)
        files = (
            f"exports/export-{owner}-*.json",
            f"charts/progress-{owner}.png",
            f"reports/report-{owner}-*.pdf",
        )
        being_written = (  # what a crash in the middle of writing one left
            f"exports/.export-{owner}-*.json.*{TEMPORARY_SUFFIX}",
            f"charts/.progress-{owner}.png.*{TEMPORARY_SUFFIX}",
            f"reports/.report-{owner}-*.pdf.*{TEMPORARY_SUFFIX}",
        )
        for pattern in files + being_written:
            for path in self.files_dir.glob(pattern):
                path.unlink(missing_ok=True)

    def _flags(self, event: Command) -> bool:
        """Words after a query command still pass the red-flag check, through the dialog."""
        return bool(event.args) and self.dialog.raises_alarm(" ".join(event.args))

    async def _query(self, key: UserKey, event: Command) -> list[Outgoing]:
        """/progress, /export and /report only read: they run outside any transaction, and
        their replies are not queued (if one is lost in a crash, asking again gives it afresh)."""
        sender = event.sender
        language = self.content.texts.language_for(sender.locale)
        try:
            record = await self.store.load(key)
            history = await self.store.history(key) if record else []
        except Exception as exc:
            log.error("could not read for /%s: %s", event.name, type(exc).__name__)
            return [self._apology(event)]
        if record is None:
            empty = {"progress": "progress.empty", "report": "report.empty"}
            reply = Reply(self.content.texts.get(language, empty.get(event.name, "export.nothing")))
        elif event.name == "export":
            reply = await self._export(record, history, event.at, language)
        elif event.name == "report":
            reply = await self._report(record, history, event.at, language)
        else:
            reply = await self._progress(record, history, language)
        after = self.dialog.said_after_a_query(event, record) if record else ()
        return [
            Outgoing(UNSAVED, sender.platform, sender.user_id, sender.chat_id, r)
            for r in (reply, *after)
        ]

    async def _export(
        self, record: UserRecord, history: list[JsonDict], at: datetime, language: str
    ) -> Reply:
        labels = self.dialog.answer_labels(language)
        document = export_document(record, history, at.isoformat(), labels)
        owner = file_owner(record.key)
        name = f"export-{owner}-{at:%Y%m%dT%H%M%S}.json"
        path = self.files_dir / "exports" / name
        data = json.dumps(document, indent=2, ensure_ascii=False).encode()
        try:
            await asyncio.to_thread(write_private, path, lambda handle: handle.write(data))
        except OSError as exc:  # a full disk, say: say so, and keep serving
            log.error("could not write an export: %s", errno.errorcode.get(exc.errno or 0, "?"))
            return Reply(self.content.texts.get(language, "export.failed"))
        return Reply(self.content.texts.get(language, "export.done"), document=str(path))

    async def _progress(self, record: UserRecord, history: list[JsonDict], language: str) -> Reply:
        series = series_from(record, history)
        text = summary(self.content.texts, language, series)
        if self.charts is None or not (worth_a_chart(series) or has_walks(series)):
            return Reply(text)
        name = f"progress-{file_owner(record.key)}"
        try:
            return Reply(text, image=await self.charts.progress_chart(series, name))
        except Exception as exc:
            log.error("chart failed: %s", type(exc).__name__)
            return Reply(self.content.texts.get(language, "progress.chart_failed") + "\n\n" + text)

    async def _report(
        self, record: UserRecord, history: list[JsonDict], at: datetime, language: str
    ) -> Reply:
        """One page for a clinician, as a PDF written 0600 like every file with health data."""
        texts = self.content.texts
        if self.charts is None:
            return Reply(texts.get(language, "report.unavailable"))
        report = build_report(self.content, language, record, history, at)
        name = f"report-{file_owner(record.key)}-{at:%Y%m%dT%H%M%S}"
        try:
            path = await self.charts.report_pdf(report, name)
        except Exception as exc:  # a full disk, say: say so, and keep serving
            log.error("report failed: %s", type(exc).__name__)
            return Reply(texts.get(language, "report.failed"))
        return Reply(texts.get(language, "report.done"), document=path)

    def _failed(self, event: Incoming, exc: Exception) -> Outgoing:
        """The step's own error gets 'I couldn't handle that'; any other is the database's."""
        in_step = isinstance(exc, StepError)
        cause = exc.__cause__ if in_step else exc
        where = " in the dialog step" if in_step else ""
        log.error(
            "could not handle %s event: %s%s", type(event).__name__, type(cause).__name__, where
        )
        log.debug("details:\n%s", trace_without_values(exc))
        return self._apology(event, "errors.could_not_handle" if in_step else "errors.try_again")

    def _apology(self, event: Incoming, key: str = "errors.try_again") -> Outgoing:
        sender = event.sender
        texts = self.content.texts
        text = texts.get(texts.language_for(sender.locale), key)
        return Outgoing(UNSAVED, sender.platform, sender.user_id, sender.chat_id, Reply(text))
