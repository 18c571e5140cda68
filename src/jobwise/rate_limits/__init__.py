"""Per-user limits on the expensive routes: parsing, enhancement, ranking, generation, export, upload."""
