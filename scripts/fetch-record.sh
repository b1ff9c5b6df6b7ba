#!/usr/bin/env bash
# fetch-record.sh SITE_URL FILE: save the live site's record of published addresses
# (SITE_URL/published.json, written by every newsdesk build) in FILE, for the deploy workflow.
#
# The build then keeps every address in it (docs-dev/publishing.md, "Addresses for life") and
# `newsdesk due` compares the posts with it. 404: the site has never been deployed with a record
# (the first deploy), so FILE gets an empty record. Anything else (no answer, a server error)
# fails: building without the record would let a published address disappear unnoticed.
# Server errors are tried again 3 times, 5 seconds apart (FETCH_RECORD_RETRIES=0: not at all).
# The query string '?fresh=<now>' gets past the CDN's cache (GitHub Pages caches for 10 minutes),
# so a deploy a few minutes ago is not missed.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 SITE_URL FILE" >&2
  exit 2
fi
url="${1%/}/published.json"
file="$2"
mkdir -p "$(dirname "$file")"
status=$(curl --silent --show-error --location --retry "${FETCH_RECORD_RETRIES:-3}" --retry-delay 5 --max-time 60 \
  --output "$file.part" --write-out '%{http_code}' "$url?fresh=$(date +%s)") || status="${status:-000}"
case "$status" in
  200)
    mv "$file.part" "$file"
    echo "fetch-record: $url saved in $file"
    ;;
  404)
    rm -f "$file.part"
    echo '{"addresses": {}}' >"$file"
    echo "fetch-record: $url does not exist yet (a first deploy); starting an empty record in $file"
    ;;
  *)
    rm -f "$file.part"
    echo "::error::fetch-record: could not fetch $url (HTTP status $status); try the run again" >&2
    exit 1
    ;;
esac
