#!/bin/bash
set -uo pipefail
echo "systemctl $*" >> /run/world/systemctl.log
args=()
for a in "$@"; do case "$a" in -*) ;; *) args+=("$a") ;; esac; done
action=${args[0]}
units=("${args[@]:1}")
STATE=/run/standin
mkdir -p "$STATE"

unit_file() {
  local u=$1 d
  for d in /etc/systemd/system /lib/systemd/system; do [ -f "$d/$u" ] && { echo "$d/$u"; return 0; }; done
  if [[ "$u" == *@*.service ]]; then
    for d in /etc/systemd/system /lib/systemd/system; do [ -f "$d/${u%%@*}@.service" ] && { echo "$d/${u%%@*}@.service"; return 0; }; done
  fi
  return 1
}
key() { grep "^$2=" "$1" | sed "s/^$2=//; s/^[-@+!]*//" || true; }
instance() { local u=$1; [[ "$u" == *@*.service ]] && { u=${u#*@}; echo "${u%.service}"; } || echo ""; }
expand() { local line=$1 i=$2 pid=$3; line=${line//%i/$i}; line=${line//\$MAINPID/$pid}; echo "$line"; }
wants() { [ "$1" = postfix.service ] && [ -f /etc/postfix/main.cf ] && echo postfix@-.service; return 0; }
main_pid() {
  local f=$1 u=$2 p
  p=$(key "$f" PIDFile)
  if [ -n "$p" ] && [ -s "$p" ]; then cat "$p"; elif [ -s "$STATE/$u.pid" ]; then cat "$STATE/$u.pid"; fi
}
active() {
  local u=$1 f pid
  f=$(unit_file "$u") || return 3
  if [ "$(key "$f" Type)" = oneshot ]; then [ -e "$STATE/$u.active" ]; return; fi
  pid=$(main_pid "$f" "$u")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
run_lines() { # FILE KEY INSTANCE PID
  local line
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    bash -c "$(expand "$line" "$3" "$4")" </dev/null >>/run/world/standin-daemons.log 2>&1 || return 1
  done < <(key "$1" "$2")
}
start() {
  local u=$1 f type i w
  f=$(unit_file "$u") || { echo "Unit $u not found." >&2; return 5; }
  active "$u" && return 0
  i=$(instance "$u")
  run_lines "$f" ExecStartPre "$i" "" || return 1
  type=$(key "$f" Type)
  # RuntimeDirectory= and User= as systemd applies them (rspamd.service needs both).
  local user rd as=""
  user=$(key "$f" User)
  for rd in $(key "$f" RuntimeDirectory); do
    install -d -m "$(key "$f" RuntimeDirectoryMode | grep . || echo 0755)" ${user:+-o "$user"} "/run/$rd"
  done
  [ -n "$user" ] && as="setpriv --reuid=$user --regid=$user --init-groups"
  case "$type" in
    # No Type= means simple (systemd's default): the process in the foreground is the service.
    forking|oneshot) run_lines "$f" ExecStart "$i" "" || return 1 ;;
    *) setsid bash -c "exec $as $(expand "$(key "$f" ExecStart)" "$i" "")" </dev/null >>/run/world/standin-daemons.log 2>&1 &
       echo $! > "$STATE/$u.pid" ;;
  esac
  [ "$type" = oneshot ] && touch "$STATE/$u.active"
  for w in $(wants "$u"); do start "$w" || return 1; done
  return 0
}
stop() {
  local u=$1 f pid i w
  for w in $(wants "$u"); do stop "$w"; done
  f=$(unit_file "$u") || return 0
  rm -f "$STATE/$u.active"
  i=$(instance "$u")
  pid=$(main_pid "$f" "$u")
  if [ -n "$(key "$f" ExecStop)" ]; then run_lines "$f" ExecStop "$i" "$pid" || true
  elif [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  for _ in $(seq 1 100); do { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } || break; sleep 0.1; done
  rm -f "$STATE/$u.pid"
  return 0
}
reload() {
  local u=$1 f w
  f=$(unit_file "$u") || return 5
  run_lines "$f" ExecReload "$(instance "$u")" "$(main_pid "$f" "$u")" || return 1
  for w in $(wants "$u"); do reload "$w" || return 1; done
}
link_of() { local f; f=$(unit_file "$1") || return 1; for w in $(key "$f" WantedBy); do echo "/etc/systemd/system/$w.wants/$1 $f"; done; }

status=0
case "$action" in
  daemon-reload) ;;
  is-active) for u in "${units[@]}"; do active "$u" || status=3; done ;;
  start) for u in "${units[@]}"; do start "$u" || status=1; done ;;
  stop) for u in "${units[@]}"; do stop "$u"; done ;;
  restart) for u in "${units[@]}"; do stop "$u"; start "$u" || status=1; done ;;
  try-restart) for u in "${units[@]}"; do if active "$u"; then stop "$u"; start "$u" || status=1; fi; done ;;
  reload) for u in "${units[@]}"; do reload "$u" || status=1; done ;;
  enable) for u in "${units[@]}"; do link_of "$u" | while read -r l t; do mkdir -p "$(dirname "$l")"; ln -sf "$t" "$l"; done; done ;;
  disable) for u in "${units[@]}"; do link_of "$u" | while read -r l t; do rm -f "$l"; done; done ;;
  *) echo "systemctl stand-in: $action is not played" >&2; status=1 ;;
esac
exit $status
