"""Around every view: the public page cache, request size limits, CSP nonces, outages."""
