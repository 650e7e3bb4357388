"""Django's PostgreSQL backend, with a health check that costs no round trip and `json` read by
orjson (base.py)."""
