#!/usr/bin/env bash
# Backup: a PostgreSQL dump (pg_dump custom format) and a tarball of the media, timestamped, in BACKUP_DIR;
# older than BACKUP_KEEP_DAYS days are deleted. Restore with deploy/restore.sh.
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/pdn/var/media BACKUP_DIR=/var/backups/pdn deploy/backup.sh
# With media on object storage (AWS_STORAGE_BUCKET_NAME set) the bucket's own versioning/replication is the
# media backup: only the database is dumped. Import previews (MEDIA_ROOT/imports) are temporary: left out.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL manquant / missing}"
: "${BACKUP_DIR:?BACKUP_DIR manquant / missing}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR"
umask 077

dump="$BACKUP_DIR/pdn-db-$stamp.dump"
pg_dump --format=custom --no-owner --no-privileges --file="$dump.partial" "$DATABASE_URL"
mv "$dump.partial" "$dump"
echo "$dump"

if [ -z "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
    : "${MEDIA_ROOT:?MEDIA_ROOT manquant / missing}"
    media="$BACKUP_DIR/pdn-media-$stamp.tar.gz"
    tar --create --gzip --file="$media.partial" --directory="$MEDIA_ROOT" --exclude=./imports .
    mv "$media.partial" "$media"
    echo "$media"
fi

find "$BACKUP_DIR" -maxdepth 1 -name 'pdn-*' -type f -mtime +"$KEEP_DAYS" -delete
