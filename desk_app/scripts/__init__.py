"""Guided talk scripts: data files in `resources/scripts/`, loaded, validated, rendered and navigated here."""
