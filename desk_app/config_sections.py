"""Reading one TOML table of the configuration: typed values, clear errors, no key left unknown.

`config.py` reads the file with it, and so does `published_policy.py` (the policy's sections).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ConfigError(Exception):
    """A configuration file that cannot be used; `key` is the dotted key at fault."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


class Section:
    """Reads typed values out of one TOML table and rejects keys it does not know."""

    def __init__(self, source: str, prefix: str, table: object) -> None:
        if not isinstance(table, Mapping):
            raise ConfigError(source, prefix, "must be a table")
        self._source = source
        self._prefix = prefix
        self._table: Mapping[str, Any] = table
        self._seen: set[str] = set()

    def _key(self, name: str) -> str:
        return f"{self._prefix}.{name}" if self._prefix else name

    def _get(self, name: str, kind: type, kind_name: str) -> Any:
        self._seen.add(name)
        if name not in self._table:
            return None
        value = self._table[name]
        # bool is an int in Python, but `fee = true` is a mistake, not a fee of 1 yen.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ConfigError(self._source, self._key(name), f"must be {kind_name}, not {value!r}")
        return value

    def text(self, name: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self._get(name, str, "text")
        if value is None:
            if required:
                raise ConfigError(self._source, self._key(name), "is required")
            return default
        if not value.strip():
            raise ConfigError(self._source, self._key(name), "must not be empty")
        return str(value)

    def integer(self, name: str, default: int, *, minimum: int, maximum: int) -> int:
        value = self._get(name, int, "a whole number")
        if value is None:
            return default
        if not minimum <= value <= maximum:
            raise ConfigError(self._source, self._key(name), f"must be between {minimum} and {maximum}")
        return int(value)

    def texts(
        self, name: str, default: tuple[str, ...] = (), *, longest: int, required: bool = False
    ) -> tuple[str, ...]:
        """A non-empty list of distinct texts, each at most `longest` characters."""
        value = self._get(name, list, "a list of texts")
        if value is None:
            if required:
                raise ConfigError(self._source, self._key(name), "is required")
            return default
        key = self._key(name)
        if not value or not all(isinstance(item, str) and item.strip() for item in value):
            raise ConfigError(self._source, key, "must be a non-empty list of texts")
        items = tuple(item.strip() for item in value)
        if any(len(item) > longest for item in items):
            raise ConfigError(self._source, key, f"each must be at most {longest} characters")
        if len(set(items)) != len(items):
            raise ConfigError(self._source, key, "must not repeat an item")
        return items

    def tables(self, name: str) -> list[Section]:
        value = self._get(name, list, "a list of tables ([[...]])")
        if value is None:
            return []
        return [Section(self._source, f"{self._key(name)}[{i}]", item) for i, item in enumerate(value)]

    def table(self, name: str) -> Section:
        self._seen.add(name)
        return Section(self._source, self._key(name), self._table.get(name, {}))

    def has(self, name: str) -> bool:
        """Whether the table sets `name`."""
        return name in self._table

    def given(self) -> bool:
        """Whether the table sets anything at all (a section left out keeps every default)."""
        return bool(self._table)

    def fail(self, name: str, problem: str) -> ConfigError:
        """The error for `name` in this table, to raise."""
        return ConfigError(self._source, self._key(name), problem)

    def finish(self) -> None:
        unknown = sorted(set(self._table) - self._seen)
        if unknown:
            raise ConfigError(self._source, self._key(unknown[0]), "is not a known setting (misspelt?)")
