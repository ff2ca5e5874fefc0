"""Reading talk scripts from TOML and refusing broken ones with an error naming file, step and field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from desk_app.domain.enums import CaseKind, ProvisionStopGround, SuspensionGround
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.scripts.model import (
    END,
    Action,
    Ask,
    CaseFacts,
    Choose,
    Condition,
    Confirm,
    InputType,
    LocalText,
    Note,
    Operation,
    Option,
    Say,
    Script,
    Shown,
    Step,
    StepDetail,
    StepKind,
    VerifyIdentity,
)
from desk_app.scripts.progress import next_step
from desk_app.scripts.render import CASE_PLACEHOLDERS, KNOWN_PLACEHOLDERS, placeholders_in

NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
SCRIPT_KEYS = {"id", "version", "kind", "title", "steps"}
STEP_KEYS = {"id", "kind", "ja", "en"}
# Fields each kind of step needs (required) and may have (optional), besides `STEP_KEYS` and `next`.
KIND_KEYS: dict[StepKind, tuple[set[str], set[str]]] = {
    StepKind.SAY: (set(), set()),
    StepKind.CONFIRM: ({"label"}, {"shows"}),
    StepKind.ASK: ({"field", "input", "required"}, {"max_length", "from_postal_code"}),
    StepKind.CHOOSE: ({"options"}, set()),
    StepKind.VERIFY_IDENTITY: ({"methods"}, set()),
    StepKind.ACTION: ({"operation"}, set()),
    StepKind.NOTE: (set(), set()),
}
E = TypeVar("E", StepKind, InputType, IdentityMethod, Operation, CaseKind, Condition)


class ScriptError(ValueError):
    """A script file that cannot be used; the message names the file, the step and the field."""


class _Where:
    """Where in a file a value sits, so every error can say so."""

    def __init__(self, file: str, step: str | None = None) -> None:
        self.file = file
        self.step = step

    def fail(self, field: str, problem: str) -> NoReturn:
        place = self.file if self.step is None else f"{self.file}: step {self.step}"
        raise ScriptError(f"{place}: {field} {problem}")

    def keys(
        self, table: Mapping[str, Any], required: set[str], optional: set[str], prefix: str = ""
    ) -> None:
        for key in table:
            if key not in required | optional:
                self.fail(prefix + key, "is not a known field")
        for key in sorted(required):
            if key not in table:
                self.fail(prefix + key, "is required")

    def table(self, value: Any, field: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.fail(field, "must be a table")
        return value

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            self.fail(field, "must be text")
        if not value.strip():
            self.fail(field, "must not be empty")
        return value

    def name(self, value: Any, field: str) -> str:
        text = self.string(value, field)
        if not NAME.match(text):
            self.fail(field, f"{text!r} must be lower-case letters, digits and _, starting with a letter")
        return text

    def integer(self, value: Any, field: str, minimum: int) -> int:
        # bool is an int in Python but `version = true` is a mistake.
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(field, "must be a whole number")
        if value < minimum:
            self.fail(field, f"must be at least {minimum}")
        return value

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
        return value

    def choice(self, value: Any, field: str, allowed: type[E]) -> E:
        text = self.string(value, field)
        try:
            return allowed(text)
        except ValueError:
            known = ", ".join(member.value for member in allowed)
            self.fail(field, f"{text!r} is not one of: {known}")

    def text(self, value: str, field: str) -> str:
        text = self.string(value, field)
        for name in placeholders_in(text):
            if name not in KNOWN_PLACEHOLDERS:
                known = ", ".join("{" + known + "}" for known in KNOWN_PLACEHOLDERS)
                self.fail(field, f"has an unknown placeholder {{{name}}} (known: {known})")
        return text

    def local(self, value: Any, field: str) -> LocalText:
        table = self.table(value, field)
        self.keys(table, {"ja", "en"}, set(), prefix=f"{field}.")
        return LocalText(ja=self.text(table["ja"], f"{field}.ja"), en=self.text(table["en"], f"{field}.en"))

    def array(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(field, "must be a list")
        if not value:
            self.fail(field, "must not be empty")
        return value


def load_script(path: Path) -> Script:
    """The script in `path`, validated; `ScriptError` names the file, step and field of any problem."""
    where = _Where(path.name)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        where.fail("file", f"cannot be read ({error.strerror or error})")
    except UnicodeDecodeError:
        where.fail("file", "is not UTF-8 text")
    except tomllib.TOMLDecodeError as error:
        where.fail("file", f"is not valid TOML ({error})")
    return _script(data, where, path.stem)


def _script(data: Mapping[str, Any], where: _Where, stem: str) -> Script:
    where.keys(data, SCRIPT_KEYS, set())
    script_id = where.name(data["id"], "id")
    if script_id != stem:
        where.fail("id", f"{script_id!r} must match the file name ({stem}.toml)")
    version = where.integer(data["version"], "version", minimum=1)
    kind = where.choice(data["kind"], "kind", CaseKind)
    title = where.local(data["title"], "title")
    steps = tuple(
        _step(raw, number, where.file) for number, raw in enumerate(where.array(data["steps"], "steps"))
    )
    _check_links(steps, where.file)
    _check_grounds(steps, where.file)
    script = Script(id=script_id, version=version, kind=kind, title=title, steps=steps)
    _check_walks(script, where.file)
    return script


def _step(raw: Any, number: int, file: str) -> Step:
    # Until the id is known the step is named by its position, counted from 1 as people count.
    where = _Where(file, f"#{number + 1}")
    table = where.table(raw, "step")
    step_id = where.name(table.get("id"), "id") if "id" in table else where.fail("id", "is required")
    if step_id == END:
        where.fail("id", f"{END!r} is reserved: next = {END!r} finishes the script")
    where = _Where(file, repr(step_id))
    if "kind" not in table:
        where.fail("kind", "is required")
    kind = where.choice(table["kind"], "kind", StepKind)
    required, optional = KIND_KEYS[kind]
    where.keys(table, STEP_KEYS | required, {"next", "when"} | optional)
    text = LocalText(ja=where.text(table["ja"], "ja"), en=where.text(table["en"], "en"))
    following = where.name(table["next"], "next") if "next" in table else None
    when = where.choice(table["when"], "when", Condition) if "when" in table else None
    if when is not None and number == 0:
        where.fail("when", "cannot be set on the first step: every script starts there")
    if when is not Condition.INCIDENT and set(CASE_PLACEHOLDERS) & {*placeholders_in(text.ja + text.en)}:
        where.fail("when", 'must be "incident": the text reads the incident the case is about')
    return Step(
        id=step_id, kind=kind, text=text, detail=_detail(kind, table, where), next=following, when=when
    )


def _detail(kind: StepKind, table: Mapping[str, Any], where: _Where) -> StepDetail:
    if kind is StepKind.CONFIRM:
        shows = _shows(where.array(table["shows"], "shows"), where) if "shows" in table else ()
        return Confirm(label=where.local(table["label"], "label"), shows=shows)
    if kind is StepKind.ASK:
        max_length = table.get("max_length")
        input_type = where.choice(table["input"], "input", InputType)
        from_postal_code = None
        if "from_postal_code" in table:
            from_postal_code = where.name(table["from_postal_code"], "from_postal_code")
            if input_type not in (InputType.TEXT, InputType.MULTILINE):
                where.fail("from_postal_code", "fills only a text or multiline answer")
        return Ask(
            field=where.name(table["field"], "field"),
            input=input_type,
            required=where.boolean(table["required"], "required"),
            max_length=None if max_length is None else where.integer(max_length, "max_length", minimum=1),
            from_postal_code=from_postal_code,
        )
    if kind is StepKind.CHOOSE:
        return Choose(options=_options(where.array(table["options"], "options"), where))
    if kind is StepKind.VERIFY_IDENTITY:
        raw_methods = where.array(table["methods"], "methods")
        methods = tuple(
            where.choice(method, f"methods[{number}]", IdentityMethod)
            for number, method in enumerate(raw_methods)
        )
        if len(set(methods)) != len(methods):
            where.fail("methods", "names a method twice")
        return VerifyIdentity(methods=methods)
    if kind is StepKind.ACTION:
        return Action(operation=where.choice(table["operation"], "operation", Operation))
    return Say() if kind is StepKind.SAY else Note()


def _options(raw_options: list[Any], where: _Where) -> tuple[Option, ...]:
    options: list[Option] = []
    for number, raw in enumerate(raw_options):
        field = f"options[{number}]"
        table = where.table(raw, field)
        where.keys(table, {"value", "label"}, {"next"}, prefix=f"{field}.")
        value = where.name(table["value"], f"{field}.value")
        if any(option.value == value for option in options):
            where.fail(f"{field}.value", f"{value!r} is used by another option")
        following = where.name(table["next"], f"{field}.next") if "next" in table else None
        options.append(
            Option(value=value, label=where.local(table["label"], f"{field}.label"), next=following)
        )
    return tuple(options)


def _shows(raw_shows: list[Any], where: _Where) -> tuple[Shown, ...]:
    shows: list[Shown] = []
    for number, raw in enumerate(raw_shows):
        field = f"shows[{number}]"
        table = where.table(raw, field)
        where.keys(table, {"field", "label"}, set(), prefix=f"{field}.")
        name = where.name(table["field"], f"{field}.field")
        if any(shown.field == name for shown in shows):
            where.fail(f"{field}.field", f"{name!r} is shown twice")
        shows.append(Shown(field=name, label=where.local(table["label"], f"{field}.label")))
    return tuple(shows)


def _check_answers_named(steps: tuple[Step, ...], file: str) -> None:
    """A read-back or an address filled from a postal code names an answer asked at an earlier step."""
    # Answer name -> its input type (None for a choose step), for the steps met so far.
    asked: dict[str, InputType | None] = {}
    for step in steps:
        where = _Where(file, repr(step.id))
        detail = step.detail
        if isinstance(detail, Confirm):
            for index, shown in enumerate(detail.shows):
                if shown.field not in asked:
                    where.fail(
                        f"shows[{index}].field",
                        f"{shown.field!r} is not an ask's field or a choose step's id before this step",
                    )
        source = detail.from_postal_code if isinstance(detail, Ask) else None
        if source is not None and asked.get(source) is not InputType.POSTAL_CODE:
            where.fail("from_postal_code", f"{source!r} is not a postal_code answer asked before this step")
        if isinstance(detail, Ask):
            asked[detail.field] = detail.input
        elif isinstance(detail, Choose):
            asked[step.id] = None


def _check_links(steps: tuple[Step, ...], file: str) -> None:
    positions: dict[str, int] = {}
    fields: dict[str, str] = {}
    for number, step in enumerate(steps):
        where = _Where(file, repr(step.id))
        if step.id in positions:
            _Where(file, f"#{number + 1}").fail(
                "id", f"{step.id!r} is already used by step #{positions[step.id] + 1}"
            )
        positions[step.id] = number
        if isinstance(step.detail, Ask):
            if step.detail.field in fields:
                where.fail(
                    "field", f"{step.detail.field!r} is asked by step {fields[step.detail.field]!r} too"
                )
            fields[step.detail.field] = step.id
    for number, step in enumerate(steps):
        where = _Where(file, repr(step.id))
        links = [("next", step.next)]
        if isinstance(step.detail, Choose):
            links += [
                (f"options[{index}].next", option.next) for index, option in enumerate(step.detail.options)
            ]
        for field, target in links:
            if target is None or target == END:
                continue
            if target not in positions:
                where.fail(field, f"points to {target!r}, which is not a step of this script")
            # Only forward jumps: every walk through a script ends, and back is always the way one came.
            if positions[target] <= number:
                where.fail(field, f"points back to {target!r}; next may only point to a later step")
    _check_answers_named(steps, file)


# The actions that keep the ground the caller gave at the `ground` choose step, and the grounds they know.
_GROUNDS_READ: dict[Operation, frozenset[str]] = {
    Operation.STOP_MAILINGS: frozenset(SuspensionGround),
    Operation.PROPOSE_ERASURE: frozenset(SuspensionGround),
    Operation.STOP_PROVISION: frozenset(ProvisionStopGround),
}


def _check_grounds(steps: tuple[Step, ...], file: str) -> None:
    """An action that keeps the caller's ground has a `ground` choose step before it, offering only grounds
    the desk knows: a reworded option can never leave the action without one."""
    offered: frozenset[str] | None = None
    for step in steps:
        where = _Where(file, repr(step.id))
        if step.id == "ground" and isinstance(step.detail, Choose):
            offered = frozenset(option.value for option in step.detail.options)
        if not isinstance(step.detail, Action) or step.detail.operation not in _GROUNDS_READ:
            continue
        known = _GROUNDS_READ[step.detail.operation]
        if offered is None:
            where.fail("operation", f"{step.detail.operation.value} needs a choose step 'ground' before it")
        unknown = sorted(offered - known)
        if unknown:
            _Where(file, "'ground'").fail(
                "options", f"{', '.join(unknown)} is no ground (known: {', '.join(sorted(known))})"
            )


# Every kind of case a script may meet: a customer with a number to call back, one without, no customer;
# each with a fee to charge and without, about a leak incident and not.
_EVERY_CASE = tuple(
    CaseFacts(customer=customer, registered_number=number, fee=fee, incident=incident)
    for customer, number in ((True, True), (True, False), (False, False))
    for fee in (False, True)
    for incident in (False, True)
)


def _check_walks(script: Script, file: str) -> None:
    """Walk every way through the script, for every kind of case: a read-back must have something to
    read back on each way that reaches it (a branch asking something else would leave it empty)."""
    for facts in _EVERY_CASE:
        pending: list[tuple[str, ...]] = [(script.steps[0].id,)]
        while pending:
            walked = pending.pop()
            step = script.step(walked[-1])
            detail = step.detail
            if isinstance(detail, Confirm) and detail.shows:
                asked = {_answer_name(script, earlier) for earlier in walked[:-1]}
                if not {shown.field for shown in detail.shows} & asked:
                    _Where(file, repr(step.id)).fail(
                        "shows", f"has nothing to show on the way {' > '.join(walked)}"
                    )
            options = [option.value for option in detail.options] if isinstance(detail, Choose) else [None]
            for option in options:
                following = next_step(script, step.id, option, facts=facts)
                if following is not None:
                    pending.append((*walked, following))


def _answer_name(script: Script, step_id: str) -> str | None:
    detail = script.step(step_id).detail
    if isinstance(detail, Ask):
        return detail.field
    return step_id if isinstance(detail, Choose) else None


def load_scripts(folder: Path) -> dict[str, Script]:
    """Every `*.toml` script in `folder` by id; each case kind must have exactly one script."""
    scripts: dict[str, Script] = {}
    by_kind: dict[CaseKind, str] = {}
    for path in sorted(folder.glob("*.toml")):
        script = load_script(path)
        if script.kind in by_kind:
            _Where(path.name).fail(
                "kind", f"{script.kind.value!r} already has a script ({by_kind[script.kind]})"
            )
        by_kind[script.kind] = path.name
        scripts[script.id] = script
    missing = [kind.value for kind in CaseKind if kind not in by_kind]
    if missing:
        raise ScriptError(
            f"{folder.name}: no script for {', '.join(missing)} (one .toml file per request type)"
        )
    return scripts
