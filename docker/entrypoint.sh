#!/bin/sh
# Migrations run at start-up under a PostgreSQL advisory lock, so replicas can start together.
set -e
case "$1" in
  api) exec node dist/src/main.js ;;
  worker) exec node dist/src/worker.js ;;
  migrate) exec node dist/src/database/migration-cli.js run ;;
  *) exec "$@" ;;
esac
