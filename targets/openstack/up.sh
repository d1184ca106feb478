#!/usr/bin/env bash
# Configures (on first use), starts and seeds Keystone, Glance and Nova API on 127.0.0.1, then writes the settings
# the suite needs to $STATE/settings.env and $STATE/clouds.yaml.
# Usage: bash targets/openstack/up.sh     (state in ${CONFORMANCE_OPENSTACK_STATE:-/var/tmp/conformance-openstack};
#        idempotent: a second run only starts what is not running and seeds what is missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
t0=$(date +%s)
elapsed() { echo "$(( $(date +%s) - t0 )) s"; }

for bin in /usr/bin/uwsgi /usr/bin/keystone-manage /usr/bin/glance-manage /usr/bin/nova-manage /usr/bin/curl; do
  [ -x "$bin" ] || { log "$bin is missing: running install.sh first"; bash "$here/install.sh"; break; }
done
for bin in /usr/bin/uwsgi /usr/bin/keystone-manage /usr/bin/glance-manage /usr/bin/nova-manage /usr/bin/curl; do
  [ -x "$bin" ] || die "$bin is still missing after targets/openstack/install.sh"
done

umask 077   # state, config (service passwords), settings: readable by the owner only
mkdir -p "$STATE"/{log,run,etc/keystone,etc/glance,etc/nova,images,staging,tasks,locks,data}
chmod 700 "$STATE"
# One up.sh at a time per state folder.
exec 9<"$STATE"
flock -w 600 9 || die "another up.sh holds $STATE for more than 10 minutes"

# Fail fast when a port is taken by something that is not this state's service.
for name in $SERVICES; do
  if [ -z "$(pid_of "$name")" ] && port_open "$(port_of "$name")"; then
    die "$HOST:$(port_of "$name") is taken by another process (not this target's $name from $STATE): stop it first (ss -ltnp 'sport = :$(port_of "$name")')"
  fi
done

# ---- Passwords: random on first use, kept only in the state folder (mode 600)
secrets="$STATE/secrets.env"
if [ ! -s "$secrets" ]; then
  for who in ADMIN NOVA GLANCE CONFORMANCE OTHER; do
    echo "${who}_PASSWORD=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  done > "$secrets.tmp"
  mv "$secrets.tmp" "$secrets"
fi
chmod 600 "$secrets"
# shellcheck disable=SC1090
. "$secrets"

# ---- Configuration (derived from the state folder and the passwords only, so rewriting it is idempotent)
authtoken() { # service-user password
  cat <<CONF
[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $2
service_token_roles_required = true
CONF
}
policy() { # service: a policy file and an empty policy.d of our own, so nothing is read from /etc/<service>
  mkdir -p "$STATE/etc/$1/policy.d"
  [ -s "$STATE/etc/$1/policy.yaml" ] || echo '# no overrides: the defaults in the code apply' > "$STATE/etc/$1/policy.yaml"
  cat <<CONF
[oslo_policy]
policy_file = $STATE/etc/$1/policy.yaml
policy_dirs = $STATE/etc/$1/policy.d
enforce_new_defaults = false
enforce_scope = false
CONF
}

write_config() {
  cat > "$STATE/etc/keystone/keystone.conf" <<CONF
[DEFAULT]
log_file = $STATE/log/keystone-app.log
[database]
connection = sqlite:///$STATE/data/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/fernet-keys
[credential]
key_repository = $STATE/credential-keys
[identity]
password_hash_rounds = 4
max_password_length = 72
[cache]
enabled = true
backend = oslo_cache.dict
$(policy keystone)
CONF

  cp /usr/share/glance-common/glance-api-paste.ini "$STATE/etc/glance/glance-api-paste.ini"
  cat > "$STATE/etc/glance/glance-api.conf" <<CONF
[DEFAULT]
bind_host = $HOST
bind_port = $GLANCE_PORT
enabled_backends = fs:file
log_file = $STATE/log/glance-app.log
[database]
connection = sqlite:///$STATE/data/glance.sqlite
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $STATE/images
[os_glance_staging_store]
filesystem_store_datadir = $STATE/staging
[os_glance_tasks_store]
filesystem_store_datadir = $STATE/tasks
[paste_deploy]
flavor = keystone
config_file = $STATE/etc/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $STATE/locks
$(policy glance)
$(authtoken glance "$GLANCE_PASSWORD")
CONF

  cp /usr/share/nova-common/api-paste.ini "$STATE/etc/nova/api-paste.ini"
  cat > "$STATE/etc/nova/nova.conf" <<CONF
[DEFAULT]
enabled_apis = osapi_compute
transport_url = fake:/
log_file = $STATE/log/nova-app.log
state_path = $STATE
[api]
auth_strategy = keystone
[api_database]
connection = sqlite:///$STATE/data/nova_api.sqlite
[database]
connection = sqlite:///$STATE/data/nova.sqlite
[glance]
endpoint_override = $GLANCE_URL
num_retries = 0
[wsgi]
api_paste_config = $STATE/etc/nova/api-paste.ini
[oslo_concurrency]
lock_path = $STATE/locks
[oslo_messaging_notifications]
driver = noop
$(policy nova)
$(authtoken nova "$NOVA_PASSWORD")
CONF
}

uwsgi_ini() { # name wsgi-file processes extra-lines...
  local name=$1 file=$2 processes=$3; shift 3
  {
    echo "[uwsgi]"
    echo "plugins = python3"
    echo "http-socket = $HOST:$(port_of "$name")"
    echo "wsgi-file = $file"
    echo "chdir = $STATE"
    echo "master = true"
    echo "die-on-term = true"
    echo "no-orphans = true"
    echo "need-app = true"
    echo "lazy-apps = true"
    echo "enable-threads = true"
    echo "processes = $processes"
    echo "threads = 1"
    echo "listen = 100"
    echo "buffer-size = 65535"
    echo "add-header = Connection: close"
    echo "skip-atexit = true"
    echo "skip-atexit-teardown = true"
    echo "daemonize2 = $STATE/log/$name.log"
    echo "pidfile = $STATE/run/$name.pid"
    printf '%s\n' "$@"
  } > "$STATE/etc/$name-uwsgi.ini"
}

write_config
uwsgi_ini keystone /usr/bin/keystone-wsgi-public 1 "env = OS_KEYSTONE_CONFIG_FILES=$STATE/etc/keystone/keystone.conf"
uwsgi_ini glance /usr/bin/glance-wsgi-api 1 "env = OS_GLANCE_CONFIG_DIR=$STATE/etc/glance" \
  "http-auto-chunked = true" "http-chunked-input = true" "http-raw-body = true" "wsgi-manage-chunked-input = true"
uwsgi_ini nova /usr/bin/nova-api-wsgi 2 "env = OS_NOVA_CONFIG_DIR=$STATE/etc/nova" \
  "env = OS_NOVA_CONFIG_FILES=api-paste.ini;nova.conf"

# ---- Databases, once (a marker records success; a half-done setup is redone from scratch)
setup_keystone() {
  rm -rf "$STATE/data/keystone.sqlite" "$STATE/fernet-keys" "$STATE/credential-keys"
  mkdir -p "$STATE/fernet-keys" "$STATE/credential-keys"
  local k=(keystone-manage --config-file "$STATE/etc/keystone/keystone.conf")
  "${k[@]}" db_sync
  "${k[@]}" fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  "${k[@]}" credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
  "${k[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "$KEYSTONE_URL/v3/" --bootstrap-internal-url "$KEYSTONE_URL/v3/" \
    --bootstrap-public-url "$KEYSTONE_URL/v3/"
}
setup_glance() {
  # A new database knows no image data: files left in the store by an earlier database would make uploads fail
  # with 500 (glance_store Duplicate).
  rm -f "$STATE/data/glance.sqlite"
  find "$STATE/images" "$STATE/staging" "$STATE/tasks" -mindepth 1 -delete 2>/dev/null || true
  glance-manage --config-file "$STATE/etc/glance/glance-api.conf" db_sync
}
setup_nova() {
  rm -f "$STATE"/data/nova*.sqlite
  local n=(nova-manage --config-file "$STATE/etc/nova/nova.conf")
  "${n[@]}" api_db sync
  "${n[@]}" cell_v2 map_cell0 --database_connection "sqlite:///$STATE/data/nova_cell0.sqlite"
  "${n[@]}" cell_v2 create_cell --name cell1
  "${n[@]}" db sync
}
# The three are independent (separate SQLite files): run them side by side.
pending=()
for name in $SERVICES; do
  [ -e "$STATE/data/.$name-ready" ] && continue
  log "setting up the $name database"
  ( set -e; "setup_$name" > "$STATE/log/$name-manage.log" 2>&1; touch "$STATE/data/.$name-ready" ) &
  pending+=("$name:$!")
done
failed=""
for job in ${pending[@]+"${pending[@]}"}; do
  wait "${job#*:}" || failed="$failed ${job%%:*}"
done
for name in $failed; do
  log "the $name database setup failed; last lines of $STATE/log/$name-manage.log:"
  tail -n 30 "$STATE/log/$name-manage.log" >&2 || true
done
[ -z "$failed" ] || die "database setup failed for:$failed (logs in $STATE/log; the next up.sh redoes it from scratch)"
[ ${#pending[@]} -eq 0 ] || log "databases ready after $(elapsed)"

# ---- Start (only what is not running) and wait
start() { # name
  local name=$1 port
  port=$(port_of "$name")
  [ -n "$(pid_of "$name")" ] && return 0
  if port_open "$port"; then
    die "$HOST:$port is taken by another process (not this target's $name from $STATE): stop it first (ss -ltnp 'sport = :$port')"
  fi
  rm -f "$STATE/run/$name.pid"
  echo "---- $(date -u +%FT%TZ) starting" >> "$STATE/log/$name.log"
  # fd 9 (the lock) is not inherited: a daemon holding it would block every later up.sh
  uwsgi --ini "$STATE/etc/$name-uwsgi.ini" < /dev/null >> "$STATE/log/$name.log" 2>&1 9<&- \
    || { tail -n 30 "$STATE/log/$name.log" >&2; die "uwsgi for $name did not start"; }
  log "started $name on $HOST:$port"
}
fail_with_log() { # name message
  log "$2; last lines of $STATE/log/$1.log and $STATE/log/$1-app.log:"
  tail -n 25 "$STATE/log/$1.log" >&2 || true
  tail -n 15 "$STATE/log/$1-app.log" >&2 2>/dev/null || true
  die "$1 is not ready (logs in $STATE/log)"
}
wait_ready() { # name [limit seconds]: a live master pid, then the root URL answering 200 or 300
  local name=$1 limit=${2:-120} begin url code=none missing=0
  begin=$(date +%s)
  url=$(url_of "$name")
  while :; do
    if [ -z "$(pid_of "$name")" ]; then
      # daemonize2 writes the pidfile after forking (and may write it twice): allow a few seconds without a live pid
      missing=$((missing + 1))
      [ "$missing" -lt 10 ] || fail_with_log "$name" "the uwsgi master of $name is not running"
    else
      missing=0
      code=$(http_code "$url")
      case "$code" in 200|300) return 0 ;; esac
      # a worker that dies while loading the application is respawned forever: give up after a few
      if [ "$(awk '/^---- .* starting$/{n=0} /DAMN ! worker/{n++} END{print n+0}' "$STATE/log/$name.log" 2>/dev/null)" -ge 3 ]; then
        fail_with_log "$name" "the $name workers keep dying"
      fi
    fi
    [ "$(( $(date +%s) - begin ))" -lt "$limit" ] \
      || fail_with_log "$name" "$name did not answer $url within $limit s (last status $code)"
    sleep 0.5
  done
}
# When this run fails, it stops what it started (logs stay), so a second try finds free ports.
started_here=""
on_exit() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -n "$started_here" ]; then
    log "stopping what this run started:$started_here"
    for name in $started_here; do stop_service "$name" || true; done
  fi
  return "$rc"
}
trap on_exit EXIT
for name in $SERVICES; do
  [ -n "$(pid_of "$name")" ] && continue
  start "$name"
  started_here="$started_here $name"
done
wait_ready keystone 120

# ---- Identity: projects, users, roles, catalog (idempotent; skipped once done)
token_for() { # user password project -> token on stdout
  printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"%s","domain":{"name":"Default"}}}}}' "$1" "$2" "$3" \
    | curl -s --max-time 30 -D - -o /dev/null -H 'Content-Type: application/json' --data-binary @- "$KEYSTONE_URL/v3/auth/tokens" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}'
}
ADMIN_TOKEN=$(token_for admin "$ADMIN_PASSWORD" admin)
[ -n "$ADMIN_TOKEN" ] || fail_with_log keystone "keystone refused the admin password"
api() { # method path [json on stdin when a 3rd argument "-" is given] -> body
  local args=(-s --max-time 30 -X "$1" -H "X-Auth-Token: $ADMIN_TOKEN")
  [ "${3:-}" = - ] && args+=(-H 'Content-Type: application/json' --data-binary @-)
  curl "${args[@]}" "$KEYSTONE_URL/v3$2"
}
id_of() { # collection name [json to create it when missing] -> id
  local collection=$1 name=$2 create=${3:-} id
  id=$(api GET "/$collection?name=$name" | json_get "d['$collection'][0]['id'] if d['$collection'] else ''")
  if [ -z "$id" ] && [ -n "$create" ]; then
    id=$(printf '%s' "$create" | api POST "/$collection" - | json_get "d['${collection%s}']['id']")
  fi
  [ -n "$id" ] || die "keystone: no $collection named $name"
  echo "$id"
}
ids="$STATE/data/ids.env"
if [ ! -s "$ids" ]; then
  log "creating projects, users, roles and the catalog"
  project() { id_of projects "$1" "{\"project\":{\"name\":\"$1\",\"domain_id\":\"default\"}}"; }
  role() { id_of roles "$1" "{\"role\":{\"name\":\"$1\"}}"; }
  user() { # name password project-id
    local id
    id=$(id_of users "$1" "{\"user\":{\"name\":\"$1\",\"domain_id\":\"default\",\"password\":\"$2\",\"default_project_id\":\"$3\"}}")
    # the password of an existing user is set again, so the secrets file always wins
    printf '{"user":{"password":"%s"}}' "$2" | api PATCH "/users/$id" - > /dev/null
    echo "$id"
  }
  grant() { # project user role
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X PUT -H "X-Auth-Token: $ADMIN_TOKEN" "$KEYSTONE_URL/v3/projects/$1/users/$2/roles/$3")
    [ "$code" = 204 ] || die "keystone: granting role $3 on project $1 to user $2 answered $code"
  }
  service_project=$(project service)
  conformance_project=$(project conformance)
  other_project=$(project other)
  admin_role=$(role admin); member_role=$(role member); reader_role=$(role reader); service_role=$(role service)
  nova_user=$(user nova "$NOVA_PASSWORD" "$service_project")
  glance_user=$(user glance "$GLANCE_PASSWORD" "$service_project")
  conformance_user=$(user conformance "$CONFORMANCE_PASSWORD" "$conformance_project")
  other_user=$(user other "$OTHER_PASSWORD" "$other_project")
  for u in "$nova_user" "$glance_user"; do
    grant "$service_project" "$u" "$admin_role"
    grant "$service_project" "$u" "$service_role"
  done
  grant "$conformance_project" "$conformance_user" "$member_role"
  grant "$conformance_project" "$conformance_user" "$reader_role"
  grant "$other_project" "$other_user" "$member_role"
  grant "$other_project" "$other_user" "$reader_role"
  catalog() { # type name url
    local service
    service=$(api GET "/services?type=$1" | json_get "d['services'][0]['id'] if d['services'] else ''")
    [ -n "$service" ] || service=$(printf '{"service":{"type":"%s","name":"%s","enabled":true}}' "$1" "$2" \
      | api POST /services - | json_get "d['service']['id']")
    local existing
    existing=$(api GET "/endpoints?service_id=$service" | json_get "' '.join(e['interface'] for e in d['endpoints'])")
    for interface in public internal admin; do
      case " $existing " in *" $interface "*) continue ;; esac
      printf '{"endpoint":{"service_id":"%s","interface":"%s","region_id":"RegionOne","url":"%s","enabled":true}}' \
        "$service" "$interface" "$3" | api POST /endpoints - > /dev/null
    done
  }
  catalog image glance "$GLANCE_URL"
  catalog compute nova "$NOVA_URL/v2.1"
  printf 'CONFORMANCE_PROJECT_ID=%s\nOTHER_PROJECT_ID=%s\nSERVICE_PROJECT_ID=%s\n' \
    "$conformance_project" "$other_project" "$service_project" > "$ids.tmp"
  mv "$ids.tmp" "$ids"
  log "identity ready after $(elapsed)"
fi
# shellcheck disable=SC1090
. "$ids"

wait_ready glance 120
wait_ready nova 120

# ---- Images with fixed ids (those of shared/corpus/local-nova), created or completed only when missing
ACTIVE=70a599e0-31e7-49b7-b260-868f441e862b
QUEUED=155d900f-4e14-4e4c-a73d-069cbf4541e6
MINREQS=a2459075-d96c-40d5-893e-577ff92e721c
SNAPSHOT=a440c04b-79fa-479c-bed1-0b816eaec379
DEACTIVATED=c905cedb-7281-47e4-8a62-f26bc5fc4c77
UPLOADING=d2b7e3f1-5c6a-4e8b-9d0c-7f1a2b3c4d5e
HIDDEN=e6a1f9c3-2b4d-4f6e-8a0b-1c2d3e4f5a6b
NONAME=f0e1d2c3-b4a5-4968-8776-655443322110
PRIVATE=b9c8d7e6-f5a4-4b3c-9d2e-1f0a9b8c7d6e
INSTANCE=3f5b8d1e-6a7c-4b2d-9e0f-1a2b3c4d5e6f
VISIBLE_IMAGES="$ACTIVE,$QUEUED,$MINREQS,$SNAPSHOT,$DEACTIVATED,$UPLOADING,$HIDDEN,$NONAME"

CONFORMANCE_TOKEN_=$(token_for conformance "$CONFORMANCE_PASSWORD" conformance)
OTHER_TOKEN_=$(token_for other "$OTHER_PASSWORD" other)
[ -n "$CONFORMANCE_TOKEN_" ] && [ -n "$OTHER_TOKEN_" ] || fail_with_log keystone "keystone refused a user password"
out="$STATE/run/glance.out"
glance_call() { # token method path [content-type body-file] -> http code; body in $out
  local args=(-s --max-time 60 -o "$out" -w '%{http_code}' -X "$2" -H "X-Auth-Token: $1")
  [ $# -ge 5 ] && args+=(-H "Content-Type: $4" --data-binary "@$5")
  curl "${args[@]}" "$GLANCE_URL$3" || true
}
data_file() { # size -> a file with that many deterministic bytes
  local f="$STATE/run/data-$1"
  [ -s "$f" ] || "$PY" -c "import sys; sys.stdout.buffer.write((b'conformance-image-data-' * ($1 // 23 + 1))[:$1])" > "$f"
  echo "$f"
}
purged=0
image() { # token id final-status data-size|- json
  local token=$1 id=$2 want=$3 size=$4 json=$5 code status
  code=$(glance_call "$ADMIN_TOKEN" GET "/v2/images/$id")
  case "$code" in
    200) status=$(json_get "d['status']" < "$out") ;;
    404) status=missing ;;
    *) cat "$out" >&2; echo >&2; fail_with_log glance "glance: GET /v2/images/$id answered $code" ;;
  esac
  [ "$status" = "$want" ] && return 0
  if [ "$status" = missing ]; then
    printf '%s' "$json" > "$STATE/run/image.json"
    code=$(glance_call "$token" POST /v2/images application/json "$STATE/run/image.json")
    if [ "$code" = 409 ] && [ "$purged" = 0 ]; then
      # the id belonged to a deleted image (a DELETE through the proxy): purge deleted rows, then the id is free
      log "image $id was deleted before: purging deleted rows from the glance database"
      glance-manage --config-file "$STATE/etc/glance/glance-api.conf" db purge --age_in_days 0 >> "$STATE/log/glance-manage.log" 2>&1 || true
      glance-manage --config-file "$STATE/etc/glance/glance-api.conf" db purge_images_table --age_in_days 0 >> "$STATE/log/glance-manage.log" 2>&1 || true
      purged=1
      code=$(glance_call "$token" POST /v2/images application/json "$STATE/run/image.json")
    fi
    [ "$code" = 201 ] || { cat "$out" >&2; echo >&2; die "glance: creating image $id answered $code"; }
    status=queued
  fi
  if [ "$status" = queued ] && [ "$size" != - ]; then
    # A queued image has no data: a file of that id in the store is a leftover and would make the upload fail.
    rm -f "$STATE/images/$id" "$STATE/staging/$id"
    if [ "$want" = uploading ]; then
      code=$(glance_call "$token" PUT "/v2/images/$id/stage" application/octet-stream "$(data_file "$size")")
      status=uploading
    else
      code=$(glance_call "$token" PUT "/v2/images/$id/file" application/octet-stream "$(data_file "$size")")
      status=active
    fi
    [ "$code" = 204 ] || { cat "$out" >&2; echo >&2; die "glance: uploading data of image $id answered $code"; }
  fi
  if [ "$want" = deactivated ] && [ "$status" = active ]; then
    code=$(glance_call "$ADMIN_TOKEN" POST "/v2/images/$id/actions/deactivate")
    [ "$code" = 204 ] || { cat "$out" >&2; echo >&2; die "glance: deactivating image $id answered $code"; }
    status=deactivated
  fi
  [ "$status" = "$want" ] || die "glance: image $id is $status, expected $want (reset.sh starts over)"
  log "seeded image $id ($want)"
}
base='"container_format":"bare"'
image "$ADMIN_TOKEN" $ACTIVE active 4096 "{\"id\":\"$ACTIVE\",\"name\":\"fakeimage7\",\"disk_format\":\"raw\",$base,\"visibility\":\"public\",\"architecture\":\"x86_64\",\"auto_disk_config\":\"True\",\"kernel_id\":\"1b6fd5a4-2f3e-4c8d-9a0b-7c6d5e4f3a21\",\"ramdisk_id\":\"2c7ae6b5-3a4f-4d9e-8b1c-8d7e6f5a4b32\",\"os_type\":\"linux\",\"hw_disk_bus\":\"scsi\",\"hw_scsi_model\":\"virtio-scsi\",\"os_distro\":\"cirros\"}"
image "$ADMIN_TOKEN" $QUEUED queued - "{\"id\":\"$QUEUED\",\"name\":\"queued-image\",\"disk_format\":\"qcow2\",$base,\"visibility\":\"public\"}"
image "$ADMIN_TOKEN" $MINREQS active 1048576 "{\"id\":\"$MINREQS\",\"name\":\"min-reqs-image\",\"disk_format\":\"qcow2\",$base,\"visibility\":\"public\",\"min_disk\":20,\"min_ram\":2048,\"auto_disk_config\":\"False\",\"hw_disk_bus\":\"virtio\",\"os_type\":\"windows\"}"
image "$CONFORMANCE_TOKEN_" $SNAPSHOT active 2048 "{\"id\":\"$SNAPSHOT\",\"name\":\"snapshot-image\",\"disk_format\":\"qcow2\",$base,\"visibility\":\"private\",\"image_type\":\"snapshot\",\"instance_uuid\":\"$INSTANCE\",\"base_image_ref\":\"$ACTIVE\",\"user_id\":\"admin\",\"owner_specified.openstack.object\":\"images/cirros\"}"
image "$ADMIN_TOKEN" $DEACTIVATED deactivated 512 "{\"id\":\"$DEACTIVATED\",\"name\":\"deactivated-image\",\"disk_format\":\"raw\",$base,\"visibility\":\"public\"}"
image "$ADMIN_TOKEN" $UPLOADING uploading 300 "{\"id\":\"$UPLOADING\",\"name\":\"\\u00fcn\\u00efc\\u00f6d\\u00e9-\\u540d\\u524d\",\"disk_format\":\"raw\",$base,\"visibility\":\"public\"}"
image "$ADMIN_TOKEN" $HIDDEN active 100 "{\"id\":\"$HIDDEN\",\"name\":\"hidden-image\",\"disk_format\":\"raw\",$base,\"visibility\":\"public\",\"os_hidden\":true}"
image "$ADMIN_TOKEN" $NONAME queued - "{\"id\":\"$NONAME\",\"disk_format\":\"iso\",$base,\"visibility\":\"community\",\"tags\":[\"tag1\",\"tag2\"]}"
image "$OTHER_TOKEN_" $PRIVATE active 64 "{\"id\":\"$PRIVATE\",\"name\":\"other-project-private\",\"disk_format\":\"raw\",$base,\"visibility\":\"private\"}"

# ---- Self-check through Nova with the conformance user (also warms the middleware's service token)
nova_code() { curl -s -o "$out" -w '%{http_code}' --max-time 60 -H "X-Auth-Token: $CONFORMANCE_TOKEN_" "$NOVA_URL/v2.1/$CONFORMANCE_PROJECT_ID/images/$1" || true; }
code=$(nova_code $ACTIVE)
[ "$code" = 200 ] || { cat "$out" >&2; echo >&2; fail_with_log nova "GET /v2.1/{project}/images/$ACTIVE through nova answered $code"; }
code=$(nova_code $PRIVATE)
[ "$code" = 404 ] || die "the other project's private image answered $code through nova, expected 404"

rm -f "$STATE"/run/data-* "$STATE/run/image.json" "$out"

# ---- Settings for the suite (mode 600; the password is never printed)
cat > "$STATE/settings.env.tmp" <<ENV
# The local OpenStack target (targets/openstack/up.sh). Source it: . $STATE/settings.env
export OS_AUTH_URL=$KEYSTONE_URL/v3
export OS_USERNAME=conformance
export OS_PASSWORD=$CONFORMANCE_PASSWORD
export OS_PROJECT_NAME=conformance
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export CONFORMANCE_PROJECT_ID=$CONFORMANCE_PROJECT_ID
export CONFORMANCE_COMPUTE_URL=$NOVA_URL
export CONFORMANCE_IMAGE_SERVICE_URL=$GLANCE_URL
export CONFORMANCE_IMAGE_IDS=$VISIBLE_IMAGES
export CONFORMANCE_OTHER_PROJECT_IMAGE_ID=$PRIVATE
ENV
cat > "$STATE/clouds.yaml.tmp" <<YAML
clouds:
  conformance-local:
    region_name: RegionOne
    interface: public
    identity_api_version: 3
    auth:
      auth_url: $KEYSTONE_URL/v3
      username: conformance
      password: '$CONFORMANCE_PASSWORD'
      project_name: conformance
      user_domain_name: Default
      project_domain_name: Default
YAML
chmod 600 "$STATE/settings.env.tmp" "$STATE/clouds.yaml.tmp"
mv "$STATE/settings.env.tmp" "$STATE/settings.env"
mv "$STATE/clouds.yaml.tmp" "$STATE/clouds.yaml"
log "ready after $(elapsed): keystone $KEYSTONE_URL, glance $GLANCE_URL, nova $NOVA_URL (project $CONFORMANCE_PROJECT_ID)"
echo "settings written to $STATE/settings.env"
