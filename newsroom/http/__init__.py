"""Request and response handling around every view: the public page cache, size limits, CSP nonces, outages."""
