#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the API tests, and prints the
# connection string they use, as a shell line:
#
#   eval "$(scripts/ensure-postgres.sh)"     # exports ANTQ_TEST_POSTGRES=...
#
# Idempotent and fast when the server is already there. When nothing answers, it installs Debian's
# `postgresql` (apt-get, needs root or password-less sudo), starts a cluster listening on localhost
# only, and sets the `postgres` role's password to the test value (ANTQ_TEST_PG_PASSWORD, default
# below). Progress goes to stderr; stdout carries only the export line.
set -euo pipefail

host=127.0.0.1
port=5432
password=${ANTQ_TEST_PG_PASSWORD:-antq-test}
connection="Host=${host};Port=${port};Username=postgres;Password=${password}"

say() { echo "ensure-postgres: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else say "needs root (or password-less sudo) to run: $*"; exit 1
  fi
}

# Runs a command as the postgres OS user (peer authentication over the local socket).
as_postgres() {
  cd /tmp
  if [ "$(id -un)" = postgres ]; then "$@"
  elif command -v runuser >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else as_root su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$host" -p "$port" -t 2
  else
    (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null
  fi
}

password_works() {
  command -v psql >/dev/null 2>&1 || return 99
  PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 psql -h "$host" -p "$port" -U postgres -d postgres -XAtqc 'select 1' >/dev/null 2>&1
}

newest_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1; }

install_server() {
  say "installing Debian's postgresql (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >&2
  as_root apt-get install -y -qq postgresql >&2
}

start_cluster() {
  local version cluster
  version=$(newest_version)
  [ -n "$version" ] || { say "no PostgreSQL server binaries under /usr/lib/postgresql"; exit 1; }
  # The cluster on our port, else Debian's default "main" (created here if the package did not).
  cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$port" '$3 == p { print $1 " " $2; exit }')
  if [ -z "$cluster" ]; then
    say "creating cluster $version/main on port $port…"
    as_root pg_createcluster "$version" main --port "$port" >&2
    cluster="$version main"
  fi
  set -- $cluster
  # Local connections only: the test password is not a secret.
  as_root pg_conftool "$1" "$2" set listen_addresses localhost >&2
  say "starting cluster $1/$2…"
  as_root pg_ctlcluster "$1" "$2" start >&2 || as_root pg_ctlcluster "$1" "$2" restart >&2
}

if ! answers; then
  command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(newest_version)" ] || install_server
  answers || start_cluster
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { say "PostgreSQL does not answer on ${host}:${port}"; exit 1; }
fi

status=0
password_works || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 99 ]; then
    say "psql not found: cannot check the password; assuming ${connection}"
  else
    say "setting the postgres role's password to the test value…"
    as_postgres psql -XAtq -p "$port" -d postgres -c "ALTER ROLE postgres PASSWORD '${password//\'/\'\'}'" >&2
    password_works || { say "cannot sign in as postgres on ${host}:${port} with the test password"; exit 1; }
  fi
fi

say "PostgreSQL answers on ${host}:${port}"
printf "export ANTQ_TEST_POSTGRES='%s'\n" "$connection"
