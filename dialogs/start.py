"""The greeting, consent and /help: what a new user meets before anything is kept. Consent
can be typed as well as tapped ("yes", "ok go ahead", "no thanks")."""

from __future__ import annotations

from dialogs.answers import read
from dialogs.conversation import NEW
from dialogs.local_time import local_day
from dialogs.prompt_talk import talked
from dialogs.prompts import consent_choices
from dialogs.reading import CONTROL, NOT_SURE, VALUE
from dialogs.router import Context, Router, StateSpec
from dialogs.typed import mentions

router = Router("start")


def greet(ctx: Context, hello_said: bool = False) -> None:
    """The greeting; after a hello said back to the user's, the intro alone (one hello)."""
    conv = ctx.conv
    text = conv.t("start.intro") if hello_said else greeting(ctx)
    conv.say(text, [conv.button("start.begin", "start.begin")])


def greeting(ctx: Context) -> str:
    return ctx.conv.t("start.greeting", intro=ctx.conv.t("start.intro"))


def ask_consent(ctx: Context, lead: str = "") -> None:
    conv = ctx.conv
    text = f"{lead}\n\n{conv.t('consent.text')}" if lead else conv.t("consent.text")
    conv.say(
        text,
        [
            conv.button("start.agree", "consent.agree"),
            conv.button("start.decline", "consent.decline"),
        ],
    )


@router.command("start")
def start(ctx: Context, args: tuple[str, ...]) -> None:
    if ctx.conv.state != NEW:
        ctx.conv.say(greeting(ctx))
        ctx.conv.say(ctx.conv.t("start.welcome_back"))
    ctx.ask_current()


@router.command("help")
def show_help(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    lines = [conv.t("help.title"), ""]
    lines += [f"/{c.name} – {conv.t(f'commands.{c.name}')}" for c in ctx.setting.commands]
    lines += ["", conv.t("help.footer")]
    conv.say("\n".join(lines))


@router.buttons("start")
def on_start_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    if conv.state != NEW:
        return False
    if value == "begin":
        ask_consent(ctx)
    elif value == "agree":
        _agree(ctx, "tapped")
    elif value == "decline":
        conv.say(conv.t("consent.declined"))
    else:
        return False
    return True


def _agree(ctx: Context, how: str) -> None:
    conv = ctx.conv
    conv.keep = True
    conv.data["started"] = local_day(conv).isoformat()
    conv.data["consent"] = {"at": conv.now.isoformat(), "how": how}
    if how == "typed":
        conv.say(conv.t("consent.typed_agree"))
    ctx.fire("agree")


def typed_before_consent(ctx: Context, text: str) -> None:
    """Nothing is kept before consent, so whether the greeting or the consent was shown last
    is not known: an agreement agrees (and says what is kept), a refusal keeps nothing, a
    time to come back at ("tomorrow", "another time") is a pause, not a refusal (no rush, and
    the consent again), a question gets the consent again, anything else the greeting."""
    conv = ctx.conv
    if _plain(text) == _plain(conv.t("start.begin")):  # the greeting's own button, typed
        ask_consent(ctx)
        return
    labels = {"agree": conv.t("consent.agree"), "decline": conv.t("consent.decline")}
    choices = consent_choices(ctx.content.answers_for(conv.language), conv.language, labels)
    reading = read(text, choices, ctx.content.answers_for(conv.language))
    if reading.value != "agree" and mentions(conv, "consent.for_later", text):
        conv.say(conv.t("remind.no_rush"))  # "not now, I'll come back tomorrow"
        ask_consent(ctx)
    elif reading.kind == VALUE and reading.value == "agree":
        _agree(ctx, "typed")
    elif reading.kind == VALUE:
        conv.say(conv.t("consent.declined"))
    elif talked(conv, reading, conv.t("consent.asked"), []):  # "hello": a hello back
        greet(ctx, hello_said=reading.kind == CONTROL and reading.detail == "hello")
    elif reading.kind == NOT_SURE or reading.detail in ("question", "contrast", "both"):
        ask_consent(ctx, conv.t("consent.asked"))
    else:
        start(ctx, ())


def _plain(text: str) -> str:
    return " ".join("".join(ch for ch in text.lower() if ch.isalnum() or ch == " ").split())


router.own_states([NEW], StateSpec(ask=greet, text=typed_before_consent))
