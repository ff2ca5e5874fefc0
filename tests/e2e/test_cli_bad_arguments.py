"""Bad arguments against the real `desk-app`: each answered with one line on stderr and its documented exit
code (2 for usage), never a traceback; and a reader that closes the pipe ends a command quietly."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import SCRIPT
from tests.support.databases import Databases

# Bytes the system's UTF-8 cannot read, as a shell passes them on and Python keeps them (lone surrogates).
UNDECODABLE = os.fsdecode(b"\xed\xb3\x80")
SUPERVISOR = "supervisor.ito"  # in the demo data


@dataclass(frozen=True)
class Folder:
    """The module's demo database and a folder for files, substituted into each row's arguments."""

    db: str
    path: Path
    # An access token acting as SUPERVISOR: `cases export --as` proves who it acts as.
    token: str = ""


def run(
    folder: Folder, args: list[str], *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "HOME": str(folder.path / "home"),
        "XDG_CONFIG_HOME": str(folder.path / "config"),
        "XDG_DATA_HOME": str(folder.path / "data"),
        "PYTHONIOENCODING": "utf-8",
        "DESK_APP_TOKEN": folder.token,
        **(env or {}),
    }
    environment.pop("DESK_APP_DB", None)
    filled = [argument.format(db=folder.db, tmp=folder.path) for argument in args]
    return subprocess.run(
        [str(SCRIPT), *filled],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def folder(module_databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Folder:
    """A demo database (with its supervisors and cases), so a bad argument that got past the checks would
    reach the query it was meant for, as before."""
    made = Folder(module_databases.new(), tmp_path_factory.mktemp("bad-arguments"))
    demo = run(made, ["demo-data", "--customers", "20", "--db", "{db}"])
    assert demo.returncode == 0, demo.stderr
    issued = run(made, ["users", "token", "issue", SUPERVISOR, "--name", "tests", "--json", "--db", "{db}"])
    assert issued.returncode == 0, issued.stderr
    return Folder(made.db, made.path, json.loads(issued.stdout)["token"])


EXPORT = ["cases", "export", "--csv", "{tmp}/cases.csv", "--as", SUPERVISOR, "--db", "{db}"]
LOOKUP = ["lookup", "0312345678", "--db"]
MONITOR = ["callerid", "monitor", "--cti", "127.0.0.1:0", "--cti-token", "t"]

# (what, arguments, exit code, a part of the one line on stderr)
ROWS = [
    (
        "60,000 characters of text",
        [*EXPORT, "--text", "x" * 60_000],
        2,
        "argument --text: the text is longer",
    ),
    (
        "a control character",
        [*EXPORT, "--text", "a\x01b"],
        2,
        "argument --text: the text holds a control",
    ),
    (
        "undecodable text",
        [*EXPORT, "--text", "a" + UNDECODABLE],
        2,
        "argument --text: the text holds a character",
    ),
    ("undecodable customer", [*EXPORT, "--customer", UNDECODABLE], 2, "argument --customer:"),
    (
        "undecodable login",
        [*EXPORT[:-4], "--as", "x" + UNDECODABLE, "--db", "{db}"],
        2,
        "argument --as: not valid",
    ),
    (
        "a century of days",
        [*EXPORT, "--due-within", "99999999999"],
        2,
        "argument --due-within: not a number of",
    ),
    ("negative days", [*EXPORT, "--due-within", "-3"], 2, "argument --due-within"),
    ("the first day of the calendar", [*EXPORT, "--received-from", "0001-01-01"], 2, "the day must be from"),
    ("the last day of the calendar", [*EXPORT, "--received-to", "9999-12-31"], 2, "the day must be from"),
    ("an unknown kind", [*EXPORT, "--kind", "bogus"], 2, "argument --kind: invalid choice: 'bogus'"),
    ("a missing option", ["cases", "export", "--db", "{db}"], 2, "the following arguments are required"),
    (
        "a hundred billion customers",
        ["demo-data", "--customers", "99999999999", "--db", "sqlite:///{tmp}/never.sqlite3"],
        2,
        "--customers must be from 1 to 10,000,000",
    ),
    (
        "demo data dated in year 1",
        ["demo-data", "--as-of", "0001-01-01", "--db", "sqlite:///{tmp}/never.sqlite3"],
        2,
        "--as-of 0001-01-01: the demo is dated from 2005-01-01 on",
    ),
    (
        "a port that is no number",
        [*LOOKUP, "postgresql+psycopg://desk:s3cret@db.example:notaport/desk"],
        2,
        "not a database URL: 'postgresql+psycopg://desk:***@db.example:notaport/desk'",
    ),
    (
        "a port out of range",
        [*LOOKUP, "postgresql+psycopg://desk@127.0.0.1:99999/desk"],
        2,
        "the port must be",
    ),
    ("an unknown driver", [*LOOKUP, "postgresql+nodriver://desk@127.0.0.1/desk"], 2, "unsupported driver"),
    ("a bad URL option", [*LOOKUP, "sqlite:///{tmp}/x.sqlite3?timeout=abc"], 2, "has an option that cannot"),
    (
        "undecodable phone number",
        ["lookup", UNDECODABLE, "--db", "{db}"],
        2,
        "argument NUMBER: not valid text",
    ),
    (
        "undecodable case number",
        ["letters", "render", "--case", UNDECODABLE, "--out", "{tmp}/l.pdf", "--db", "{db}"],
        2,
        "argument --case",
    ),
    ("an endless monitor", [*MONITOR, "--duration", "1e400"], 2, "argument --duration: must be more than 0"),
    ("a monitor for NaN seconds", [*MONITOR, "--duration", "nan"], 2, "argument --duration"),
    (
        "a negative speed",
        ["callerid", "monitor", "--serial", "/dev/null", "--baudrate", "-5"],
        2,
        "--baudrate",
    ),
    ("5,000 digits of events", [*MONITOR, "--max-events", "9" * 5000], 2, "argument --max-events"),
    (
        "a ring never hung up",
        ["ring", "0312345678", "--cti", "127.0.0.1:9", "--token", "t", "--hang-up-after", "inf"],
        2,
        "--hang-up-after",
    ),
    (
        "an age of 99 billion years",
        ["calls", "purge", "--older-than", "99999999999y", "--db", "{db}"],
        2,
        "not an age",
    ),
    ("an unknown command", ["bogus"], 2, "argument COMMAND: invalid choice: 'bogus'"),
]


@pytest.mark.parametrize(
    ("args", "exit_code", "says"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS]
)
def test_a_bad_argument_gets_one_line_and_its_exit_code(
    folder: Folder, args: list[str], exit_code: int, says: str
) -> None:
    completed = run(folder, args)
    assert "Traceback" not in completed.stderr, completed.stderr[-3000:]
    assert completed.returncode == exit_code, completed.stderr
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert completed.stderr.endswith("\n")
    assert says in completed.stderr
    assert completed.stderr.startswith("desk-app")
    assert len(completed.stderr) < 400  # a pasted novel or 5,000 digits are not echoed whole
    assert "s3cret" not in completed.stderr
    assert completed.stdout == ""


def test_a_log_file_that_cannot_be_opened_is_one_line(folder: Folder) -> None:
    completed = run(
        folder, ["scripts", "check"], env={"DESK_APP_LOG": str(folder.path / "missing" / "desk.log")}
    )
    assert completed.returncode == 2
    assert completed.stderr == (
        f"desk-app: cannot write the log DESK_APP_LOG={folder.path / 'missing' / 'desk.log'}: "
        "No such file or directory\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["scripts", "check"],
        ["audit", "verify", "--db", "{db}"],
        ["doctor", "--db", "{db}"],
        ["cases", "export", "--csv", "{tmp}/piped.csv", "--as", SUPERVISOR, "--db", "{db}"],
    ],
    ids=["scripts check", "audit verify", "doctor", "cases export"],
)
def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(folder: Folder, args: list[str]) -> None:
    """`desk-app … | head`: the reader is gone before the command writes, so every write meets a closed
    pipe. The command ends with 141 (as one ended by SIGPIPE) and says nothing on stderr."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        completed = subprocess.run(
            [str(SCRIPT), *[argument.format(db=folder.db, tmp=folder.path) for argument in args]],
            stdout=writer,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env={
                **os.environ,
                "HOME": str(folder.path / "home"),
                "XDG_DATA_HOME": str(folder.path / "data"),
                "DESK_APP_TOKEN": folder.token,
            },
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)
    assert completed.stderr.decode("utf-8", "replace") == ""
    assert completed.returncode == 141
