#!/usr/bin/env bash
# Restore a backup of deploy/backup.sh into DATABASE_URL (its objects are replaced) and MEDIA_ROOT.
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/pdn/var/media deploy/restore.sh --yes DUMP [MEDIA.tar.gz]
# Stop gunicorn first (systemctl stop pdn-gunicorn), then afterwards: `manage.py migrate` (a dump from an
# older release), `manage.py update_index` (the search index), and purge the caches (deploy/README.md).
set -euo pipefail
if [ "${1:-}" != "--yes" ]; then
    echo "Remplace la base DATABASE_URL et les médias : relancez avec --yes DUMP [MEDIA.tar.gz]." >&2
    echo "Replaces the DATABASE_URL database and the media: run again with --yes DUMP [MEDIA.tar.gz]." >&2
    exit 2
fi
shift
dump="${1:?fichier de sauvegarde manquant / dump file missing}"
media="${2:-}"
: "${DATABASE_URL:?DATABASE_URL manquant / missing}"

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$dump"
echo "base restaurée / database restored: $dump"

if [ -n "$media" ]; then
    : "${MEDIA_ROOT:?MEDIA_ROOT manquant / missing}"
    mkdir -p "$MEDIA_ROOT"
    tar --extract --gzip --file="$media" --directory="$MEDIA_ROOT"
    echo "médias restaurés / media restored: $media"
fi
