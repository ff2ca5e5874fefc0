"""JSON built inside a query, spelt for each dialect: how one statement returns a whole customer record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class json_array(FunctionElement[Any]):
    """Its arguments as one JSON array: `json_build_array` on PostgreSQL, `json_array` on SQLite."""

    type = JSON()
    inherit_cache = True


class json_array_agg(FunctionElement[Any]):
    """A group's JSON arrays as one (NULL or [] for none): `json_agg`, or `json_group_array` on SQLite."""

    type = JSON()
    inherit_cache = True


class json_nested(FunctionElement[Any]):
    """A subquery's JSON, to be nested in a JSON array as JSON rather than as text: `json()` on SQLite."""

    type = JSON()
    inherit_cache = True


@compiles(json_array)
def _json_array_sql(element: json_array, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array({compiler.process(element.clauses, **kw)})"


@compiles(json_array, "postgresql")
def _json_build_array_sql(element: json_array, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_array({compiler.process(element.clauses, **kw)})"


@compiles(json_array_agg)
def _json_group_array_sql(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


@compiles(json_array_agg, "postgresql")
def _json_agg_sql(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_agg({compiler.process(element.clauses, **kw)})"


@compiles(json_nested)
def _json_sql(element: json_nested, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json({compiler.process(element.clauses, **kw)})"


@compiles(json_nested, "postgresql")
def _json_nested_sql(element: json_nested, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)  # json values nest as they are
