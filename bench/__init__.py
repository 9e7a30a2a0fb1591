"""The benchmark's floor and load generator (docs/prestanda.md: "Mätning")."""
