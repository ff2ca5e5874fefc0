"""Alembic migration scripts for the desk's schema."""
