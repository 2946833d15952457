#!/usr/bin/env bash
# Seeds the fuzz corpora from the fixtures (real libp2p logs):
#   corpus/debugfmt  the Debug values of event lines, from the event's name on
#   corpus/line      single log lines, every line format
#   corpus/stream    windows of 40 consecutive lines (multi-line {:#?} events,
#                    several nodes, docker compose prefixes, JSON lines)
# plus the hand-made odd inputs in seeds/. The corpora are gitignored.
# Usage: fuzz/seed.sh  (then: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run <target>)
set -eu  # no pipefail: `head` closes pipes early on purpose
cd "$(dirname "$0")"
fixtures=../fixtures
mkdir -p corpus/debugfmt corpus/line corpus/stream

# one corpus file per line of stdin, named by its hash (as libFuzzer names them)
per_line() {
  local dir=$1
  while IFS= read -r line; do
    local name
    name=$(printf '%s' "$line" | sha1sum | cut -c1-40)
    printf '%s\n' "$line" > "$dir/$name"
  done
}

for log in "$fixtures"/*/*.log "$fixtures"/*/*.log.gz; do
  [ -e "$log" ] || continue
  case "$log" in *.truth.*) continue ;; esac
  cat_log() { if [[ $log == *.gz ]]; then zcat "$log"; else cat "$log"; fi; }
  # at most 150 distinct lines per file, spread over the file
  cat_log | awk '!seen[$0]++' | awk 'NR % 7 == 1' | head -150 | per_line corpus/line
  cat_log | grep -oE '[A-Z][A-Za-z0-9_]*(\(| \{).*' | awk '!seen[$0]++' | awk 'NR % 5 == 1' \
    | head -100 | per_line corpus/debugfmt
  # windows of 40 lines, at most 25 per file
  tmp=$(mktemp -d)
  cat_log | head -1000 | split -l 40 - "$tmp/w"
  for w in "$tmp"/w*; do
    cp "$w" "corpus/stream/$(sha1sum < "$w" | cut -c1-40)"
  done
  rm -r "$tmp"
done
for target in debugfmt line stream; do
  cp seeds/* "corpus/$target/"
  echo "corpus/$target: $(ls "corpus/$target" | wc -l) files"
done
