#!/usr/bin/env bash
# Configures (on first use), starts and seeds Keystone, Glance and Nova API on 127.0.0.1, then writes the settings
# the suite needs to $STATE/settings.env and $STATE/clouds.yaml.
# Usage: bash targets/openstack/up.sh     (state in ${CONFORMANCE_OPENSTACK_STATE:-/var/tmp/conformance-openstack})
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

for bin in uwsgi keystone-manage glance-manage nova-manage; do
  command -v "$bin" >/dev/null || { log "$bin is missing: installing first"; bash "$here/install.sh"; break; }
done
for bin in uwsgi keystone-manage glance-manage nova-manage; do
  command -v "$bin" >/dev/null || die "$bin is still missing after targets/openstack/install.sh"
done
mkdir -p "$STATE"/{log,run,etc,images,staging,tasks,locks} && chmod 700 "$STATE"
secrets="$STATE/secrets.env"
if [ ! -s "$secrets" ]; then
  umask 077
  {
    for who in ADMIN NOVA GLANCE CONFORMANCE OTHER; do
      echo "${who}_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(18))')"
    done
  } > "$secrets"
  umask 022
fi
# shellcheck disable=SC1090
. "$secrets"

uwsgi_ini() { # name port wsgi-file processes extra...
  local name=$1 port=$2 file=$3 processes=$4; shift 4
  {
    echo "[uwsgi]"
    echo "plugins = python3"
    echo "http-socket = $HOST:$port"
    echo "wsgi-file = $file"
    echo "master = true"
    echo "die-on-term = true"
    echo "processes = $processes"
    echo "threads = 1"
    echo "buffer-size = 65535"
    echo "add-header = Connection: close"
    echo "daemonize2 = $STATE/log/$name.log"
    echo "pidfile = $STATE/run/$name.pid"
    for line in "$@"; do echo "$line"; done
  } > "$STATE/etc/$name-uwsgi.ini"
}

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

configure_keystone() {
  [ -s "$STATE/keystone.sqlite" ] && return 0
  log "configuring keystone"
  mkdir -p "$STATE/fernet-keys" "$STATE/credential-keys"
  cat > "$STATE/etc/keystone.conf" <<CONF
[DEFAULT]
log_file = $STATE/log/keystone-app.log
[database]
connection = sqlite:///$STATE/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/fernet-keys
[credential]
key_repository = $STATE/credential-keys
[identity]
password_hash_rounds = 4
[cache]
enabled = true
backend = oslo_cache.dict
CONF
  local k=(keystone-manage --config-file "$STATE/etc/keystone.conf")
  exec 3>>"$STATE/log/keystone-manage.log"
  "${k[@]}" db_sync 2>&3
  "${k[@]}" fernet_setup --keystone-user root --keystone-group root 2>&3
  "${k[@]}" credential_setup --keystone-user root --keystone-group root 2>&3
  "${k[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "$KEYSTONE_URL/v3/" --bootstrap-internal-url "$KEYSTONE_URL/v3/" --bootstrap-public-url "$KEYSTONE_URL/v3/" 2>&3
  exec 3>&-
}

configure_glance() {
  [ -s "$STATE/glance.sqlite" ] && return 0
  log "configuring glance"
  mkdir -p "$STATE/etc/glance"
  cp /usr/share/glance-common/glance-api-paste.ini "$STATE/etc/glance/glance-api-paste.ini"
  cat > "$STATE/etc/glance/glance-api.conf" <<CONF
[DEFAULT]
bind_host = $HOST
bind_port = $GLANCE_PORT
enabled_backends = fs:file
log_file = $STATE/log/glance-app.log
[database]
connection = sqlite:///$STATE/glance.sqlite
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
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
$(authtoken glance "$GLANCE_PASSWORD")
CONF
  glance-manage --config-file "$STATE/etc/glance/glance-api.conf" db_sync >> "$STATE/log/glance-manage.log" 2>&1 \
    || { tail -n 30 "$STATE/log/glance-manage.log" >&2; die "glance db_sync failed"; }
}

configure_nova() {
  [ -s "$STATE/nova.sqlite" ] && return 0
  log "configuring nova"
  mkdir -p "$STATE/etc/nova"
  cp /etc/nova/api-paste.ini "$STATE/etc/nova/api-paste.ini"
  cat > "$STATE/etc/nova/nova.conf" <<CONF
[DEFAULT]
enabled_apis = osapi_compute
transport_url = fake:/
log_file = $STATE/log/nova-app.log
state_path = $STATE
[api]
auth_strategy = keystone
[api_database]
connection = sqlite:///$STATE/nova_api.sqlite
[database]
connection = sqlite:///$STATE/nova.sqlite
[glance]
endpoint_override = $GLANCE_URL
num_retries = 0
[wsgi]
api_paste_config = $STATE/etc/nova/api-paste.ini
[oslo_concurrency]
lock_path = $STATE/locks
[oslo_messaging_notifications]
driver = noop
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
$(authtoken nova "$NOVA_PASSWORD")
CONF
  local n=(nova-manage --config-file "$STATE/etc/nova/nova.conf")
  {
    "${n[@]}" api_db sync
    "${n[@]}" cell_v2 map_cell0 --database_connection "sqlite:///$STATE/nova_cell0.sqlite"
    "${n[@]}" cell_v2 create_cell --name cell1 || true
    "${n[@]}" db sync
  } >> "$STATE/log/nova-manage.log" 2>&1 || { tail -n 30 "$STATE/log/nova-manage.log" >&2; die "nova database setup failed"; }
}

start() { # name port
  local name=$1 port=$2
  if [ -n "$(pid_of "$name")" ]; then
    return 0
  fi
  rm -f "$STATE/run/$name.pid"
  uwsgi --ini "$STATE/etc/$name-uwsgi.ini" >> "$STATE/log/$name.log" 2>&1 || { tail -n 30 "$STATE/log/$name.log" >&2; die "uwsgi for $name did not start"; }
  log "started $name on $HOST:$port"
}

# ---- Keystone
configure_keystone
uwsgi_ini keystone $KEYSTONE_PORT /usr/bin/keystone-wsgi-public 1 "env = OS_KEYSTONE_CONFIG_FILES=$STATE/etc/keystone.conf"
start keystone $KEYSTONE_PORT
wait_for keystone "$KEYSTONE_URL/v3" 120

token_for() { # user password project -> token on stdout
  local body
  body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"%s","domain":{"name":"Default"}}}}}' "$1" "$2" "$3")
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" "$KEYSTONE_URL/v3/auth/tokens" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}'
}
ADMIN_TOKEN=$(token_for admin "$ADMIN_PASSWORD" admin)
[ -n "$ADMIN_TOKEN" ] || die "could not get an admin token from keystone"
api() { # method path [json] -> body
  local method=$1 path=$2 data=${3:-}
  if [ -n "$data" ]; then
    curl -s -X "$method" -H "X-Auth-Token: $ADMIN_TOKEN" -H 'Content-Type: application/json' -d "$data" "$KEYSTONE_URL/v3$path"
  else
    curl -s -X "$method" -H "X-Auth-Token: $ADMIN_TOKEN" "$KEYSTONE_URL/v3$path"
  fi
}
id_of() { # collection name -> id (creating with json when missing)
  local collection=$1 name=$2 create=$3 id
  id=$(api GET "/$collection?name=$name" | json_get "d['$collection'][0]['id'] if d['$collection'] else ''")
  if [ -z "$id" ]; then
    id=$(api POST "/$collection" "$create" | json_get "d['${collection%s}']['id']")
  fi
  echo "$id"
}
grant() { curl -s -o /dev/null -X PUT -H "X-Auth-Token: $ADMIN_TOKEN" "$KEYSTONE_URL/v3/projects/$1/users/$2/roles/$3"; }

service_project=$(id_of projects service '{"project":{"name":"service","domain_id":"default"}}')
conformance_project=$(id_of projects conformance '{"project":{"name":"conformance","domain_id":"default"}}')
other_project=$(id_of projects other '{"project":{"name":"other","domain_id":"default"}}')
admin_role=$(id_of roles admin '{"role":{"name":"admin"}}')
member_role=$(id_of roles member '{"role":{"name":"member"}}')
reader_role=$(id_of roles reader '{"role":{"name":"reader"}}')
service_role=$(id_of roles service '{"role":{"name":"service"}}')
user() { id_of users "$1" "{\"user\":{\"name\":\"$1\",\"domain_id\":\"default\",\"password\":\"$2\",\"default_project_id\":\"$3\"}}"; }
nova_user=$(user nova "$NOVA_PASSWORD" "$service_project")
glance_user=$(user glance "$GLANCE_PASSWORD" "$service_project")
conformance_user=$(user conformance "$CONFORMANCE_PASSWORD" "$conformance_project")
other_user=$(user other "$OTHER_PASSWORD" "$other_project")
for u in "$nova_user" "$glance_user"; do grant "$service_project" "$u" "$admin_role"; grant "$service_project" "$u" "$service_role"; done
grant "$conformance_project" "$conformance_user" "$member_role"
grant "$conformance_project" "$conformance_user" "$reader_role"
grant "$other_project" "$other_user" "$member_role"
grant "$conformance_project" "$(id_of users admin '')" "$admin_role"

catalog_service() { # type name url
  local service
  service=$(api GET "/services?type=$1" | json_get "d['services'][0]['id'] if d['services'] else ''")
  if [ -z "$service" ]; then
    service=$(api POST /services "{\"service\":{\"type\":\"$1\",\"name\":\"$2\"}}" | json_get "d['service']['id']")
    for interface in public internal admin; do
      api POST /endpoints "{\"endpoint\":{\"service_id\":\"$service\",\"interface\":\"$interface\",\"region_id\":\"RegionOne\",\"url\":\"$3\"}}" > /dev/null
    done
  fi
}
catalog_service image glance "$GLANCE_URL"
catalog_service compute nova "$NOVA_URL/v2.1"

# ---- Glance and Nova
configure_glance
uwsgi_ini glance $GLANCE_PORT /usr/bin/glance-wsgi-api 1 "env = OS_GLANCE_CONFIG_DIR=$STATE/etc/glance" "enable-threads = true" \
  "http-auto-chunked = true" "http-chunked-input = true" "http-raw-body = true" "wsgi-manage-chunked-input = true" "lazy-apps = true"
start glance $GLANCE_PORT
configure_nova
uwsgi_ini nova $NOVA_PORT /usr/bin/nova-api-wsgi 2 "env = OS_NOVA_CONFIG_DIR=$STATE/etc/nova" "env = OS_NOVA_CONFIG_FILES=api-paste.ini;nova.conf" "lazy-apps = true"
start nova $NOVA_PORT
wait_for glance "$GLANCE_URL/" 120
wait_for nova "$NOVA_URL/" 120

# ---- Images (fixed ids, created only when missing)
CONFORMANCE_TOKEN_LOCAL=$(token_for conformance "$CONFORMANCE_PASSWORD" conformance)
OTHER_TOKEN_LOCAL=$(token_for other "$OTHER_PASSWORD" other)
[ -n "$CONFORMANCE_TOKEN_LOCAL" ] && [ -n "$OTHER_TOKEN_LOCAL" ] || die "could not get user tokens from keystone"
glance() { # token method path [json] -> http code; body in $STATE/run/glance.out
  local token=$1 method=$2 path=$3 data=${4:-} type=${5:-application/json}
  if [ -n "$data" ]; then
    curl -s -o "$STATE/run/glance.out" -w '%{http_code}' -X "$method" -H "X-Auth-Token: $token" -H "Content-Type: $type" --data-binary "$data" "$GLANCE_URL$path"
  else
    curl -s -o "$STATE/run/glance.out" -w '%{http_code}' -X "$method" -H "X-Auth-Token: $token" "$GLANCE_URL$path"
  fi
}
image() { # token id json-properties upload(yes|no)
  local token=$1 id=$2 json=$3 upload=$4 code
  code=$(glance "$token" GET "/v2/images/$id")
  [ "$code" = 200 ] && return 0
  code=$(glance "$token" POST /v2/images "$json")
  [ "$code" = 201 ] || { cat "$STATE/run/glance.out" >&2; die "creating image $id answered $code"; }
  if [ "$upload" = yes ]; then
    code=$(glance "$token" PUT "/v2/images/$id/file" "@$STATE/run/image-data" application/octet-stream)
    [ "$code" = 204 ] || { cat "$STATE/run/glance.out" >&2; die "uploading image $id answered $code"; }
  fi
}
head -c 4096 /dev/zero > "$STATE/run/image-data"
ACTIVE=70a599e0-31e7-49b7-b260-868f441e862b
QUEUED=155d900f-4e14-4e4c-a73d-069cbf4541e6
MINREQS=a2459075-d96c-40d5-893e-577ff92e721c
SNAPSHOT=a440c04b-79fa-479c-bed1-0b816eaec379
DEACTIVATED=c905cedb-7281-47e4-8a62-f26bc5fc4c77
HIDDEN=e6a1f9c3-2b4d-4f6e-8a0b-1c2d3e4f5a6b
NONAME=f0e1d2c3-b4a5-4968-8776-655443322110
PRIVATE=b9c8d7e6-f5a4-4b3c-9d2e-1f0a9b8c7d6e
base='"disk_format":"raw","container_format":"bare"'
image "$CONFORMANCE_TOKEN_LOCAL" $ACTIVE "{\"id\":\"$ACTIVE\",\"name\":\"cirros-active\",$base,\"auto_disk_config\":\"True\",\"os_type\":\"linux\",\"hw_disk_bus\":\"scsi\",\"architecture\":\"x86_64\"}" yes
image "$CONFORMANCE_TOKEN_LOCAL" $QUEUED "{\"id\":\"$QUEUED\",\"name\":\"queued-no-data\",$base}" no
image "$CONFORMANCE_TOKEN_LOCAL" $MINREQS "{\"id\":\"$MINREQS\",\"name\":\"min-requirements\",$base,\"min_disk\":20,\"min_ram\":2048,\"auto_disk_config\":\"False\"}" yes
image "$CONFORMANCE_TOKEN_LOCAL" $SNAPSHOT "{\"id\":\"$SNAPSHOT\",\"name\":\"snapshot-image\",$base,\"image_type\":\"snapshot\",\"instance_uuid\":\"3f5b8d1e-6a7c-4b2d-9e0f-1a2b3c4d5e6f\",\"base_image_ref\":\"$ACTIVE\"}" yes
image "$CONFORMANCE_TOKEN_LOCAL" $HIDDEN "{\"id\":\"$HIDDEN\",\"name\":\"hidden-image\",$base,\"os_hidden\":true}" yes
image "$CONFORMANCE_TOKEN_LOCAL" $NONAME "{\"id\":\"$NONAME\",$base}" yes
image "$CONFORMANCE_TOKEN_LOCAL" $DEACTIVATED "{\"id\":\"$DEACTIVATED\",\"name\":\"deactivated-image\",$base}" yes
if [ "$(glance "$ADMIN_TOKEN" GET "/v2/images/$DEACTIVATED" && json_get "d['status']" < "$STATE/run/glance.out")" != "200deactivated" ]; then
  code=$(glance "$ADMIN_TOKEN" POST "/v2/images/$DEACTIVATED/actions/deactivate")
  [ "$code" = 204 ] || log "deactivating $DEACTIVATED answered $code"
fi
image "$OTHER_TOKEN_LOCAL" $PRIVATE "{\"id\":\"$PRIVATE\",\"name\":\"other-project-private\",$base,\"visibility\":\"private\"}" yes

# ---- Settings for the suite (secrets stay in the state folder, mode 600)
umask 077
cat > "$STATE/settings.env" <<ENV
export OS_AUTH_URL=$KEYSTONE_URL/v3
export OS_USERNAME=conformance
export OS_PASSWORD=$CONFORMANCE_PASSWORD
export OS_PROJECT_NAME=conformance
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export CONFORMANCE_PROJECT_ID=$conformance_project
export CONFORMANCE_COMPUTE_URL=$NOVA_URL
export CONFORMANCE_IMAGE_SERVICE_URL=$GLANCE_URL
export CONFORMANCE_IMAGE_IDS=$ACTIVE,$QUEUED,$MINREQS,$SNAPSHOT,$HIDDEN,$NONAME,$DEACTIVATED
export CONFORMANCE_OTHER_PROJECT_IMAGE_ID=$PRIVATE
ENV
cat > "$STATE/clouds.yaml" <<YAML
clouds:
  conformance-local:
    region_name: RegionOne
    interface: public
    auth:
      auth_url: $KEYSTONE_URL/v3
      username: conformance
      password: $CONFORMANCE_PASSWORD
      project_name: conformance
      user_domain_name: Default
      project_domain_name: Default
YAML
umask 022
log "ready: keystone $KEYSTONE_URL, glance $GLANCE_URL, nova $NOVA_URL"
echo "settings written to $STATE/settings.env (source it), clouds.yaml to $STATE/clouds.yaml"
