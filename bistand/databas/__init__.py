"""The project's PostgreSQL backend (`ENGINE = "bistand.databas"`; see base.py)."""
