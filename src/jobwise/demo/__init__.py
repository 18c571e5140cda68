"""`jobwise demo`: the whole journey on a fresh data directory, through the HTTP API."""
