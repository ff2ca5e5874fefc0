"""Where the agent is in a script: the next and previous step, n of N, and the draft saved after each step."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desk_app.scripts.model import END, Ask, CaseFacts, Choose, Script


class ProgressError(ValueError):
    """A step or answer that does not fit the script (a draft from another version, an unknown option)."""


class FactsMissing(ProgressError):
    """A step shown only for some cases was met without the case's facts: a caller's mistake."""


@dataclass(frozen=True)
class Position:
    number: int  # from 1
    total: int  # along the path the answers so far choose; a later choice may change it


def next_step(
    script: Script,
    current_step_id: str,
    answer: str | None = None,
    *,
    facts: CaseFacts | None = None,
) -> str | None:
    """The step after `current_step_id` given its `answer` (a choose step's option value); None: finished.

    A step whose `when` does not hold for the case's `facts` is passed over. `facts` may be left out for
    a script without `when`; meeting a `when` without them is a `ProgressError`, never a guess.
    """
    number = _index(script, current_step_id)
    step = script.steps[number]
    target = step.next
    if isinstance(step.detail, Choose):
        option = step.detail.option(answer or "")
        if option is None:
            raise ProgressError(f"step {step.id!r} has no option {answer!r}")
        target = option.next or target
    following = _following(script, number, target)
    while following is not None:
        step = script.step(following)
        if step.when is None:
            return following
        if facts is None:
            raise FactsMissing(
                f"step {step.id!r} is shown only when {step.when.value}: the case is not known"
            )
        if facts.holds(step.when):
            return following
        following = _following(script, script.index(following), step.next)
    return None


def _following(script: Script, number: int, target: str | None) -> str | None:
    """Where `next` = `target` leads from the step at `number`: END or past the last step is None."""
    if target == END:
        return None
    if target is not None:
        return target
    return script.steps[number + 1].id if number + 1 < len(script.steps) else None


def path_to(
    script: Script,
    current_step_id: str,
    answers: Mapping[str, str],
    *,
    facts: CaseFacts | None = None,
) -> list[str]:
    """The steps from the first to `current_step_id` (inclusive) that `answers` lead through."""
    _index(script, current_step_id)
    path = [script.steps[0].id]
    while path[-1] != current_step_id:
        try:
            following = next_step(script, path[-1], answers.get(path[-1]), facts=facts)
        except FactsMissing:
            raise
        except ProgressError:
            following = None
        if following is None:
            raise ProgressError(f"the answers do not lead to step {current_step_id!r}")
        path.append(following)  # `next` only points forward, so this ends
    return path


def previous_step(
    script: Script,
    current_step_id: str,
    answers: Mapping[str, str],
    *,
    facts: CaseFacts | None = None,
) -> str | None:
    """The step the agent came from (None at the first step): back retraces the branches taken."""
    path = path_to(script, current_step_id, answers, facts=facts)
    return path[-2] if len(path) > 1 else None


def position(
    script: Script,
    current_step_id: str,
    answers: Mapping[str, str],
    *,
    facts: CaseFacts | None = None,
) -> Position:
    """n of N; a choice not made yet counts as its first option."""
    number = len(path_to(script, current_step_id, answers, facts=facts))
    remaining, step_id = 0, current_step_id
    while True:
        step = script.step(step_id)
        answer = answers.get(step_id)
        if isinstance(step.detail, Choose) and step.detail.option(answer or "") is None:
            answer = step.detail.options[0].value
        following = next_step(script, step_id, answer, facts=facts)
        if following is None:
            return Position(number=number, total=number + remaining)
        remaining, step_id = remaining + 1, following


def values_on_path(
    script: Script,
    current_step_id: str,
    answers: Mapping[str, str],
    *,
    facts: CaseFacts | None = None,
) -> dict[str, str]:
    """The answers by name (an ask step's `field`, a choose step's id) on the way to `current_step_id`.

    Answers Back left behind on another branch are not among them: only what the caller said on the
    way the script was actually walked.
    """
    on_path = set(path_to(script, current_step_id, answers, facts=facts))
    values: dict[str, str] = {}
    for step in script.steps:
        if step.id not in on_path or step.id not in answers:
            continue
        if isinstance(step.detail, Ask):
            values[step.detail.field] = answers[step.id]
        elif isinstance(step.detail, Choose):
            values[step.id] = answers[step.id]
    return values


def _index(script: Script, step_id: str) -> int:
    try:
        return script.index(step_id)
    except KeyError:
        raise ProgressError(f"script {script.id!r} has no step {step_id!r}") from None


@dataclass(frozen=True)
class ScriptDraft:
    """A script part-way through, saved after every step so a restart resumes where it stopped."""

    script_id: str
    version: int
    current_step: str
    answers: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "script": self.script_id,
                "version": self.version,
                "step": self.current_step,
                "answers": dict(self.answers),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ScriptDraft:
        """The draft in `text`; `ProgressError` if it is not one."""
        try:
            data: Any = json.loads(text)
        except json.JSONDecodeError:
            raise ProgressError("the saved draft is not valid JSON") from None
        if not isinstance(data, dict) or set(data) != {"script", "version", "step", "answers"}:
            raise ProgressError("the saved draft does not have the fields script, version, step, answers")
        answers = data["answers"]
        valid = (
            isinstance(data["script"], str)
            and type(data["version"]) is int
            and isinstance(data["step"], str)
            and isinstance(answers, dict)
            and all(isinstance(value, str) for value in answers.values())
        )
        if not valid:
            raise ProgressError("the saved draft has a field of the wrong type")
        return cls(
            script_id=data["script"], version=data["version"], current_step=data["step"], answers=answers
        )

    def check_fits(self, script: Script, *, facts: CaseFacts | None = None) -> None:
        """`ProgressError` unless this draft was made with `script` as it is now (same id and version)."""
        if (self.script_id, self.version) != (script.id, script.version):
            raise ProgressError(
                f"the draft follows {self.script_id} version {self.version}, "
                f"not {script.id} version {script.version}"
            )
        path_to(script, self.current_step, self.answers, facts=facts)
