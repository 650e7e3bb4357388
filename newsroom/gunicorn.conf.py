"""gunicorn's settings for Newsroom: `gunicorn -c newsroom/gunicorn.conf.py`.

The command line and GUNICORN_CMD_ARGS override any of them, e.g. `--workers 8` (WEB_CONCURRENCY
also sets the number of workers). docs/operations.md explains the timeouts."""

wsgi_app = "newsroom.wsgi"

# A request that runs longer is killed with its worker, and its reader gets an empty reply. It
# must come before the proxy in front gives up (nginx's proxy_read_timeout and most load
# balancers' idle timeouts are 60 s), so that gunicorn, not the proxy, decides. The database
# cannot hold a request this long: statements are cancelled after DATABASE_STATEMENT_TIMEOUT (5 s)
# and answered with the 503 page.
timeout = 30
graceful_timeout = 30

# The longest request line gunicorn allows (its default is 4094). Addresses up to 8,000 bytes are
# served; from there to this limit, newsroom/http/request_limits.py answers the 414 itself, in
# JSON under /api/. Past it gunicorn answers with its own HTML page, so a proxy in front should
# refuse longer lines first (nginx does past 8 KB, with large_client_header_buffers' default).
limit_request_line = 8190

# gunicorn's own messages on standard error, beside the application's JSON lines.
errorlog = "-"
loglevel = "info"
