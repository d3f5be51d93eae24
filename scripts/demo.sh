#!/usr/bin/env bash
# The quickstart: pgshift's main job on the example project in examples/blog, against the embedded
# development database (no configuration, no database to install). Works on a scratch copy, so the
# repository stays clean; prints where the copy is so you can look around afterwards.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bash "$repo/scripts/setup.sh"
export PATH="$repo/.venv/bin:$PATH"
unset DATABASE_URL

work="$(mktemp -d /tmp/pgshift-demo-XXXX)/blog"
cp -r "$repo/examples/blog" "$work"
cd "$work"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step pgshift generate --name init
pgshift generate --name init
step cat drizzle/0000_init.sql
cat drizzle/0000_init.sql; echo

step pgshift migrate
pgshift migrate

step pgshift generate --schema models_v2.py:Base --name add_slug_views_bio
pgshift generate --schema models_v2.py:Base --name add_slug_views_bio
step cat drizzle/0001_add_slug_views_bio.sql
cat drizzle/0001_add_slug_views_bio.sql; echo

step pgshift check   "# lint the new migration (exit 1 = error-level findings)"
pgshift check || true

step pgshift migrate
pgshift migrate
step pgshift status
pgshift status

step pgshift rollback --yes
pgshift rollback --yes
step pgshift status "# 0001 is pending again: exit code 1"
pgshift status || true

pgshift devdb stop
printf '\nThe demo project is in %s (its database in .pgshift/pgdata; `pgshift devdb url` starts it again).\n' "$work"
