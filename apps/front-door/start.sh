#!/bin/sh
# The front door's start (apps/front-door/README.md): writes the VCL's generated part from the
# environment, starts varnishd, and follows the site servers' addresses. Varnish resolves a
# backend's name once, when the VCL is loaded; a site server's container that is recreated (an
# upgrade, `docker compose up` after a change) comes back under a new address, so the names are
# resolved again every FRONT_DOOR_RESOLVE_SECONDS and a changed address loads the VCL again
# (the cache is kept: it belongs to varnishd, not to a VCL).
set -eu

# (The folders and varnishd's work directory are settable for the site server's test, which runs
# this script on the host: apps/web/server/frontDoor/frontDoor.test.ts.)
VCL_DIR="${FRONT_DOOR_VCL_DIR:-/etc/varnish}"
GEN="$VCL_DIR/generated"
STATE="${FRONT_DOOR_STATE_DIR:-/var/lib/front-door}"
WORKDIR="${FRONT_DOOR_WORKDIR:-/var/lib/varnish/front-door}"

mkdir -p "$GEN" "$STATE"

BACKENDS="${FRONT_DOOR_BACKENDS:-web:4321}"
PURGE_SECRET="${FRONT_DOOR_PURGE_SECRET:-}"
PURGE_FROM="${FRONT_DOOR_PURGE_FROM:-10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 127.0.0.1}"
TTL="${FRONT_DOOR_TTL:-1h}"
GRACE="${FRONT_DOOR_GRACE:-24h}"
KEEP="${FRONT_DOOR_KEEP:-24h}"
CACHE_SIZE="${FRONT_DOOR_CACHE_SIZE:-256m}"
PROBE_URL="${FRONT_DOOR_PROBE_URL:-/robots.txt}"
RESOLVE_SECONDS="${FRONT_DOOR_RESOLVE_SECONDS:-5}"
LISTEN="${FRONT_DOOR_LISTEN:-:80}"

fail() {
  echo "[front-door] Cannot start: $*" >&2
  exit 1
}

# The secret is written into the VCL as a string: only characters that cannot end one.
case "$PURGE_SECRET" in
  '') fail "FRONT_DOOR_PURGE_SECRET is not set (a long random value, the same as the site server's)." ;;
  *[!A-Za-z0-9+/=_.-]*) fail "FRONT_DOOR_PURGE_SECRET may hold only letters, digits and + / = _ . - (openssl rand -base64 32)." ;;
esac
[ "${#PURGE_SECRET}" -ge 16 ] || fail "FRONT_DOOR_PURGE_SECRET is shorter than 16 characters."
for duration in "FRONT_DOOR_TTL=$TTL" "FRONT_DOOR_GRACE=$GRACE" "FRONT_DOOR_KEEP=$KEEP"; do
  case "${duration#*=}" in
    *[!0-9smhdw]* | '' | [!0-9]*) fail "${duration%%=*} must be a duration like 30s, 10m, 1h or 2d, not '${duration#*=}'." ;;
  esac
done
case "$PROBE_URL" in
  /*) ;;
  *) fail "FRONT_DOOR_PROBE_URL must be a path starting with /." ;;
esac
case "$PROBE_URL" in
  *'"'* | *' '*) fail "FRONT_DOOR_PROBE_URL may not hold quotes or spaces." ;;
esac

# The Docker network's gateway: readers' requests come in from the host's proxy through it, so
# it may never purge, whatever FRONT_DOOR_PURGE_FROM says (the most specific ACL entry wins).
gateway=$(awk 'NR > 1 && $2 == "00000000" { g = $3; printf "%d.%d.%d.%d\n", "0x" substr(g, 7, 2), "0x" substr(g, 5, 2), "0x" substr(g, 3, 2), "0x" substr(g, 1, 2); exit }' /proc/net/route 2>/dev/null || true)

{
  echo "# Written by start.sh at every start from the environment; do not edit."
  echo "acl purgers {"
  for entry in $PURGE_FROM; do
    case "$entry" in
      */*) echo "    \"${entry%/*}\"/${entry#*/};" ;;
      *) echo "    \"$entry\";" ;;
    esac
  done
  [ -z "$gateway" ] || [ "$gateway" = 0.0.0.0 ] || echo "    ! \"$gateway\";"
  echo "}"
  echo "sub fd_purge_secret_check {"
  echo "    if (req.http.x-purge-secret != {\"$PURGE_SECRET\"}) {"
  echo "        return (synth(403, \"Forbidden\"));"
  echo "    }"
  echo "}"
  echo "sub fd_debug_check {"
  echo "    if (req.http.x-front-door-debug == {\"$PURGE_SECRET\"}) {"
  echo "        set req.http.x-fd-debug = \"1\";"
  echo "    }"
  echo "    unset req.http.x-front-door-debug;"
  echo "}"
  echo "sub fd_lifetimes {"
  echo "    set beresp.ttl = $TTL;"
  echo "    set beresp.grace = $GRACE;"
  echo "    set beresp.keep = $KEEP;"
  echo "}"
} > "$GEN/settings.vcl"

# The addresses of one backend name (several for a service with replicas); the last ones known
# while the name does not resolve (a stopped container leaves Docker's DNS), or none.
addresses_of() {
  name=$1
  found=$(getent ahostsv4 "$name" 2>/dev/null | awk '{ print $1 }' | sort -u | tr '\n' ' ')
  if [ -n "$found" ]; then
    echo "$found" > "$STATE/$name"
  elif [ -f "$STATE/$name" ]; then
    found=$(cat "$STATE/$name")
  fi
  echo "$found"
}

write_backends() {
  out=$1
  count=0
  {
    echo "# Written by start.sh from FRONT_DOOR_BACKENDS ($BACKENDS); do not edit."
    echo "probe site_probe {"
    echo "    .request = \"GET $PROBE_URL HTTP/1.1\" \"Host: front-door-probe\" \"Connection: close\";"
    echo "    .expected_response = 200;"
    echo "    .interval = 2s;"
    echo "    .timeout = 1s;"
    echo "    .window = 3;"
    echo "    .threshold = 2;"
    echo "    .initial = 2;"
    echo "}"
    for backend in $(echo "$BACKENDS" | tr ',' ' '); do
      host=${backend%:*}
      port=${backend##*:}
      [ "$host" != "$backend" ] || port=4321
      addresses=$(addresses_of "$host")
      # A name never resolved yet: a backend that is never healthy, until it resolves.
      [ -n "$addresses" ] || addresses="127.0.0.1"
      for address in $addresses; do
        [ -n "$address" ] || continue
        echo "backend site_$count {"
        echo "    .host = \"$address\";"
        echo "    .port = \"$port\";"
        echo "    .probe = site_probe;"
        echo "    .connect_timeout = 1s;"
        echo "    .between_bytes_timeout = 10s;"
        echo "}"
        echo "# $host"
        count=$((count + 1))
      done
    done
    echo "sub vcl_init {"
    echo "    new site = directors.round_robin();"
    i=0
    while [ "$i" -lt "$count" ]; do
      echo "    site.add_backend(site_$i);"
      i=$((i + 1))
    done
    echo "}"
  } > "$out"
}

write_backends "$GEN/backends.vcl"
echo "[front-door] Backends: $(grep -c '^backend ' "$GEN/backends.vcl") ($BACKENDS); TTL $TTL, grace $GRACE, keep $KEEP, cache $CACHE_SIZE; purges from $PURGE_FROM except the gateway ${gateway:-(none)}"

# Header sizes: a page's xkey header names what it shows (the site server keeps it under 8 kB,
# apps/web/server/frontDoor/cacheKeys.ts); the backend's headers and workspace are made room for.
varnishd -F -n "$WORKDIR" -f "$VCL_DIR/front-door.vcl" -p vcl_path="$VCL_DIR:/usr/share/varnish/vcl" -a "$LISTEN" -s "malloc,$CACHE_SIZE" \
  -p http_gzip_support=off \
  -p http_resp_hdr_len=16k -p http_resp_size=64k -p workspace_backend=128k \
  -p http_req_hdr_len=16k -p http_req_size=64k -p workspace_client=128k \
  ${FRONT_DOOR_VARNISHD_ARGS:-} &
varnish=$!
trap 'kill -TERM "$varnish" 2>/dev/null; wait "$varnish"; exit 0' TERM INT

generation=0
previous="boot"
while kill -0 "$varnish" 2>/dev/null; do
  sleep "$RESOLVE_SECONDS" &
  wait $! || true
  write_backends "$STATE/backends.vcl.new"
  if ! cmp -s "$STATE/backends.vcl.new" "$GEN/backends.vcl"; then
    generation=$((generation + 1))
    name="fd_$generation"
    cp "$GEN/backends.vcl" "$STATE/backends.vcl.loaded"
    mv "$STATE/backends.vcl.new" "$GEN/backends.vcl"
    # Compiling a VCL (gcc) takes seconds on a busy machine: varnishadm's own limit is 5 s.
    if varnishadm -n "$WORKDIR" -t 120 vcl.load "$name" "$VCL_DIR/front-door.vcl" >/dev/null &&
      varnishadm -n "$WORKDIR" -t 120 vcl.use "$name" >/dev/null; then
      echo "[front-door] A site server's address changed: VCL $name loaded ($(grep -c '^backend ' "$GEN/backends.vcl") backend(s))."
      [ -z "$previous" ] || varnishadm -n "$WORKDIR" -t 120 vcl.discard "$previous" >/dev/null 2>&1 || true
      previous=$name
    else
      # The addresses in use stay written down, so the next round tries the new ones again.
      mv "$STATE/backends.vcl.loaded" "$GEN/backends.vcl"
      echo "[front-door] WARNING: the VCL with the new addresses did not load (tried again in ${RESOLVE_SECONDS} s); the previous one stays." >&2
    fi
  fi
done
wait "$varnish"
