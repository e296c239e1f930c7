#!/usr/bin/env bash
# Starts radosgw on its dbstore backend, then makes (once; again at every start, harmlessly) the
# CMS's user with the keys from the environment and the public-read bucket. Exits with radosgw.
set -euo pipefail
: "${OBJECT_STORE_ACCESS_KEY:?set OBJECT_STORE_ACCESS_KEY}"
: "${OBJECT_STORE_SECRET_KEY:?set OBJECT_STORE_SECRET_KEY}"
: "${OBJECT_STORE_BUCKET:=media}"
: "${OBJECT_STORE_REGION:=us-east-1}"
DATA=/var/lib/ceph/radosgw
rm -f /run/object-store.ready
mkdir -p "$DATA/db"

# No monitors, no cluster: the store and its configuration are SQLite files under $DATA.
common=(--no-mon-config --rgw-backend-store=dbstore --rgw_config_store=dbstore
  --dbstore_db_dir="$DATA/db" --rgw_data="$DATA")

radosgw -f "${common[@]}" --rgw_frontends="beast port=7480" \
  --log-to-stderr=true --err-to-stderr=true --log_file=/dev/null --debug-rgw=0 --debug-ms=0 &
gateway=$!
trap 'kill -TERM "$gateway" 2>/dev/null; wait "$gateway"' TERM INT

# Up to 3 minutes (a loaded machine); then stop, and Docker starts the container again.
for _ in $(seq 1 360); do curl -fsS -o /dev/null http://127.0.0.1:7480/ 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null http://127.0.0.1:7480/ || { echo "[object-store] radosgw does not answer on :7480" >&2; exit 1; }

# radosgw-admin opens the same SQLite stores radosgw has open: on a busy machine it can find them
# locked for a moment, or wait on them without end (seen once in CI, 2026-12-07: the start stopped
# after radosgw answered, with nothing logged, and the container never became healthy). So each
# call has 20 s, and each step is tried again for up to a minute (of failures) before the start fails.
admin() { timeout 20 radosgw-admin "${common[@]}" "$@"; }
again() {
  for attempt in $(seq 1 30); do
    "$@" && return 0
    echo "[object-store] $1 failed (attempt $attempt); trying again in 2 s" >&2
    sleep 2
  done
  return 1
}

# The CMS's user: created on the first start, its keys set to the environment's at every start.
# Whether it exists is asked again while the question times out (124), not taken as a no.
exists=124
for _ in $(seq 1 5); do
  exists=0
  admin user info --uid=cms >/dev/null 2>&1 || exists=$?
  [ "$exists" -ne 124 ] && break
done
if [ "$exists" -ne 0 ]; then
  again admin user create --uid=cms --display-name="Mälardalsrådet CMS" \
    --access-key="$OBJECT_STORE_ACCESS_KEY" --secret-key="$OBJECT_STORE_SECRET_KEY" >/dev/null
else
  again admin key create --uid=cms --key-type=s3 \
    --access-key="$OBJECT_STORE_ACCESS_KEY" --secret-key="$OBJECT_STORE_SECRET_KEY" >/dev/null
fi

s3() { curl -fsS --max-time 20 --aws-sigv4 "aws:amz:$OBJECT_STORE_REGION:s3" --user "$OBJECT_STORE_ACCESS_KEY:$OBJECT_STORE_SECRET_KEY" "$@"; }
url="http://127.0.0.1:7480/$OBJECT_STORE_BUCKET"
# The bucket (409 when it exists: fine), readable by anyone, as the site's pages link its files.
s3 -o /dev/null -X PUT "$url" 2>/dev/null || again s3 -o /dev/null -I "$url"
policy=$(printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::%s/*"]}]}' "$OBJECT_STORE_BUCKET")
again s3 -o /dev/null -X PUT "$url?policy" -H 'content-type: application/json' --data-binary "$policy"
echo "[object-store] radosgw (dbstore) serves bucket $OBJECT_STORE_BUCKET on :7480, public read."
touch /run/object-store.ready
wait "$gateway"
