"""What every table is built on: the declarative base, aware UTC times and enumerations stored as text."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

from sqlalchemy import DateTime, Dialect, Enum, MetaData, String, Table, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

from desk_app.domain.kana import KEY_LENGTH

# Stable constraint names, so Alembic migrations can name what they alter on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime on the Python side on every dialect; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the desk stores aware UTC times only")
        utc = value.astimezone(dt.UTC)
        # SQLite has no time zones: store naive UTC there.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def text_enum(enum_class: type[enum.Enum]) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def search_key_type() -> String:
    # Search keys are compared character by character, never by a language's collation: on PostgreSQL
    # the "C" collation makes the prefix range `key >= 'ヤマダ' AND key < 'ヤマチ'` mean the same as on
    # SQLite and lets a plain btree index serve it, whatever locale the database was created with.
    return String(KEY_LENGTH).with_variant(String(KEY_LENGTH, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UtcDateTime()}


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model: hot paths select table columns, which skips the ORM's machinery."""
    mapped = model.__table__
    assert isinstance(mapped, Table)
    return mapped
