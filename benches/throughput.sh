#!/bin/sh
# Throughput and peak memory of scan and summary over a large log built from
# the fixtures (fixtures/make-large.sh), with `rg -c OutboundQueryProgressed`
# on the same file for scale. Not run by CI; numbers go in the issue notes.
#
#   benches/throughput.sh [FILE] [MB]      (default /tmp/p2plog-bench.log, 200 MB)
set -eu
cd "$(dirname "$0")/.."
file=${1:-/tmp/p2plog-bench.log}
mb=${2:-200}
[ -f "$file" ] || fixtures/make-large.sh "$file" "$mb"
cargo build --release --quiet
bytes=$(wc -c < "$file")

run() {
    # $1: label, the rest: the command; prints MB/s, wall seconds, CPU seconds, peak RSS
    label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o /tmp/p2plog-time.$$ "$@" > /dev/null 2>&1 || true
    read -r wall user sys rss < /tmp/p2plog-time.$$
    awk -v l="$label" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        'BEGIN { printf "%-34s %7.0f MB/s  %6.2f s wall  %6.2f s cpu  %6.1f MB peak RSS\n", l, b / 1e6 / w, w, u + s, r / 1024 }'
}

echo "$file: $(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }'), $(wc -l < "$file") lines, $(nproc) cores"
bin=target/release/p2plog
run "scan (text)" "$bin" scan "$file" --color never
run "scan --events-only" "$bin" scan "$file" --events-only --color never
run "scan --format json" "$bin" scan "$file" --format json
run "summary" "$bin" summary "$file" --color never
run "summary --format json" "$bin" summary "$file" --format json
# `node | p2plog`: standard input, read as a live stream
run "scan, from a pipe" sh -c 'cat "$1" | "$2" scan --color never' sh "$file" "$bin"
run "summary --format json, from a pipe" sh -c 'cat "$1" | "$2" summary --format json' sh "$file" "$bin"
if command -v rg > /dev/null; then
    run "rg -c OutboundQueryProgressed" rg -c OutboundQueryProgressed "$file"
    # one run of rg on a cached file takes about the 10 ms resolution of
    # `time`: 20 runs in a row give its rate to a few per cent
    /usr/bin/time -f "%e" -o /tmp/p2plog-time.$$ sh -c \
        'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do rg -c OutboundQueryProgressed "$1"; done' \
        sh "$file" > /dev/null
    awk -v b="$bytes" -v w="$(cat /tmp/p2plog-time.$$)" \
        'BEGIN { printf "%-34s %7.0f MB/s  %6.3f s wall per run\n", "rg -c (mean of 20 runs)", 20 * b / 1e6 / w, w / 20 }'
else
    echo "rg not installed: no ripgrep comparison"
fi

# hostile shapes: a new type name, docker compose service, error message
# from a peer, or peer, on every line, and long ones; the summary's caps keep
# peak RSS flat
wide=/tmp/p2plog-wide.$$
hostile() {
    # $1: label, $2: lines, $3: awk printf arguments for line i
    # `pad`: 64 KiB, for names that are long as well as new (doubled: mawk's
    # sprintf stops at 8 KiB)
    awk -v n="$2" "BEGIN { pad = \"X\"; for (k = 0; k < 16; k++) pad = pad pad;
        for (i = 0; i < n; i++) printf $3 }" > "$wide"
    bytes=$(wc -c < "$wide")
    run "summary, $1" "$bin" summary "$wide" --format json
}
hostile "200k distinct kinds" 200000 '"[APP] Thing%d { a: %d }\n", i, i'
hostile "200k distinct nodes" 200000 \
    '"node-%d | [SWARM] NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/%d }\n", i, i % 60000'
hostile "200k distinct causes" 200000 \
    '"[SWARM] ConnectionClosed { peer_id: PeerId(\"12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH\"), connection_id: ConnectionId(%d), endpoint: Dialer { address: /ip4/127.0.0.1/tcp/4001, role_override: Dialer, port_use: Reuse }, num_established: 0, cause: Some(IO(Custom { kind: Other, error: \"boom %d\" })) }\n", i, i'
hostile "1M distinct peers" 1000000 '"[DHT] [EVENT] UnroutablePeer { peer: PeerId(\"12D3KooW%044d\") }\n", i'
# and names of 64 KiB each: kept clipped to 256 bytes
hostile "2000 kinds of 64 KiB" 2000 '"[APP] K%d%s { a: 1 }\n", i, pad'
hostile "2000 peer ids of 64 KiB" 2000 \
    '"[DHT] [EVENT] RoutingUpdated { peer: PeerId(\"12D3KooW%d%s\"), is_new_peer: true, addresses: [], bucket_range: (Distance(1), Distance(2)), old_peer: None }\n", i, pad'
# a dial error's list opened and never closed, 2000 times in a line and on
# each line of joined events, or closed only past its list lines: each try
# of a message pattern is bounded
awk 'BEGIN { l = "Failed to negotiate transport protocol(s): [(/ip4/1.2.3.4/tcp/1: : x";
    for (r = 0; r < 50; r++) { printf "[APP] x"; for (k = 0; k < 2000; k++) printf " %s", l; printf "\n" }
    for (r = 0; r < 20; r++) { printf "[APP] Foo [\n"; for (k = 0; k < 4990; k++) printf "    - %s,\n", l; printf "]\n" }
    for (r = 0; r < 100; r++) { printf "[APP] %s: Multiple dial errors occurred:\n", l; for (k = 0; k < 1020; k++) printf " - %s\n", l; printf " x)]\n" } }' > "$wide"
bytes=$(wc -c < "$wide")
run "summary, open dial error lists" "$bin" summary "$wide" --format json
rm -f /tmp/p2plog-time.$$ "$wide"
