"""What the Bot API documents about the requests this bot makes: methods, parameters, types
and lengths. The fake server refuses, like Telegram, any request that breaks these rules."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from aiohttp.web_request import FileField

# The methods the bot may call, with their parameters, from the Bot API reference:
# name:Type (alternatives joined by |), ! = required. Objects and arrays travel as JSON.
_SPEC = {
    "getMe": "",
    "logOut": "",
    "close": "",
    "getUpdates": "offset:Integer limit:Integer timeout:Integer allowed_updates:Array",
    "deleteWebhook": "drop_pending_updates:Boolean",
    "setWebhook": "url:String! certificate:InputFile ip_address:String max_connections:Integer "
    "allowed_updates:Array drop_pending_updates:Boolean secret_token:String",
    "setMyCommands": "commands:Array! scope:Object language_code:String",
    "sendMessage": "business_connection_id:String chat_id:Integer|String! "
    "message_thread_id:Integer direct_messages_topic_id:Integer text:String! parse_mode:String "
    "entities:Array link_preview_options:Object disable_notification:Boolean "
    "protect_content:Boolean allow_paid_broadcast:Boolean message_effect_id:String "
    "suggested_post_parameters:Object reply_parameters:Object reply_markup:Object",
    "sendPhoto": "business_connection_id:String chat_id:Integer|String! message_thread_id:Integer "
    "direct_messages_topic_id:Integer photo:InputFile|String! caption:String parse_mode:String "
    "caption_entities:Array show_caption_above_media:Boolean has_spoiler:Boolean "
    "disable_notification:Boolean protect_content:Boolean allow_paid_broadcast:Boolean "
    "message_effect_id:String suggested_post_parameters:Object reply_parameters:Object "
    "reply_markup:Object",
    "sendDocument": "business_connection_id:String chat_id:Integer|String! "
    "message_thread_id:Integer direct_messages_topic_id:Integer document:InputFile|String! "
    "thumbnail:InputFile|String caption:String parse_mode:String caption_entities:Array "
    "disable_content_type_detection:Boolean disable_notification:Boolean protect_content:Boolean "
    "allow_paid_broadcast:Boolean message_effect_id:String suggested_post_parameters:Object "
    "reply_parameters:Object reply_markup:Object",
    "answerCallbackQuery": "callback_query_id:String! text:String show_alert:Boolean url:String "
    "cache_time:Integer",
    "editMessageReplyMarkup": "business_connection_id:String chat_id:Integer|String "
    "message_id:Integer inline_message_id:String reply_markup:Object",
}
METHODS = {
    name: {
        f.split(":")[0]: (tuple(f.split(":")[1].rstrip("!").split("|")), f.endswith("!"))
        for f in spec.split()
    }
    for name, spec in _SPEC.items()
}
BUTTON_ACTIONS = {
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
}


class Refused(Exception):
    """A request the real Bot API would answer with 400 Bad Request."""


class Malformed(Refused):
    """Refused because it breaks the documented rules: the bot has a bug."""


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_length(name: str, text: str, low: int, high: int) -> None:
    if not low <= utf16_length(text) <= high:
        raise Malformed(f"{name} must be {low}-{high} characters, got {utf16_length(text)}")


def check_inline_keyboard(markup: dict[str, Any]) -> None:
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise Malformed("inline_keyboard must be an Array of Array of InlineKeyboardButton")
    for button in itertools.chain.from_iterable(rows):
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise Malformed("an InlineKeyboardButton needs a text")
        if len(BUTTON_ACTIONS & button.keys()) != 1:
            raise Malformed("an InlineKeyboardButton needs exactly one action field")
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise Malformed("BUTTON_DATA_INVALID: callback_data must be 1-64 bytes")


def check_commands(commands: list[Any]) -> None:
    if len(commands) > 100:
        raise Malformed("at most 100 commands")
    for command in commands:
        if not isinstance(command, dict) or not re.fullmatch(
            r"[a-z0-9_]{1,32}", str(command.get("command"))
        ):
            raise Malformed("BotCommand.command must be 1-32 of a-z, 0-9 and _")
        check_length("BotCommand.description", str(command.get("description", "")), 1, 256)


def check_values(method: str, params: dict[str, Any]) -> None:
    """The documented limits beyond types, for the fields this bot uses."""
    if method == "sendMessage":
        check_length("text", params["text"], 1, 4096)
    if method in ("sendPhoto", "sendDocument") and "caption" in params:
        check_length("caption", params["caption"], 0, 1024)
    if method == "answerCallbackQuery" and "text" in params:
        check_length("text", params["text"], 0, 200)
    if method == "setMyCommands":
        check_commands(params["commands"])
    secret = params.get("secret_token") if method == "setWebhook" else None
    if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        raise Malformed("secret_token must be 1-256 of A-Z, a-z, 0-9, _ and -")
    if method == "getUpdates" and not 1 <= params.get("limit", 100) <= 100:
        raise Malformed("limit must be 1-100")
    markup = params.get("reply_markup")
    if markup is not None and ("inline_keyboard" in markup or method == "editMessageReplyMarkup"):
        check_inline_keyboard(markup)
    if method == "editMessageReplyMarkup" and not (
        "inline_message_id" in params or {"chat_id", "message_id"} <= params.keys()
    ):
        raise Malformed("chat_id and message_id are required without inline_message_id")


def decode(name: str, raw: Any, types: tuple[str, ...]) -> Any:
    """A form field as the Bot API reads it: numbers and booleans as text, objects as JSON."""
    if isinstance(raw, FileField):
        if "InputFile" in types:
            return {"upload": raw.filename, "bytes": len(raw.file.read())}
        raise Malformed(f"{name} cannot be a file")
    text = raw if isinstance(raw, str) else json.dumps(raw)
    for kind in types:
        if kind == "Integer" and re.fullmatch(r"-?\d+", text):
            return int(text)
        if kind == "Boolean" and text in ("true", "false"):
            return text == "true"
        if kind == "String":
            return raw if isinstance(raw, str) else text
        if kind in ("Array", "Object"):
            try:
                value = json.loads(text)
            except ValueError:
                continue
            if isinstance(value, list if kind == "Array" else dict):
                return value
    raise Malformed(f"{name} must be {' or '.join(types)}")


def read_params(method: str, form: dict[str, Any]) -> dict[str, Any]:
    fields = METHODS[method]
    unknown = set(form) - set(fields)
    if unknown:
        raise Malformed(f"unknown parameters {sorted(unknown)}")
    for name, (_types, required) in fields.items():
        if required and name not in form:
            raise Malformed(f"{name} is required")
    params = {name: decode(name, value, fields[name][0]) for name, value in form.items()}
    check_values(method, params)
    return params
