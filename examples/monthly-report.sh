#!/bin/sh
# Monthly statistics export: last month's reports as CSV for the spreadsheet the agency keeps,
# redacted (no names, birth dates or free text), as of the month's last day, so running it again
# later gives the same figures. Run on the 1st, e.g. from cron:
#   0 6 1 * *  /srv/casectl/monthly-report.sh /srv/cases /srv/statistics
set -eu
cases="${1:?case directory}"
out="${2:?output folder}"
month="$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)"  # last month, YYYY-MM
last_day="$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)"
mkdir -p "$out/$month"
for report in caseload overdue risk services; do
  casectl -C "$cases" report "$report" --as-of "$last_day" --redact --format csv --bom \
    >"$out/$month/$report.csv"
done
for report in outcomes activity; do
  casectl -C "$cases" report "$report" --month "$month" --redact --format csv --bom \
    >"$out/$month/$report.csv"
done
# One readable summary for the monthly meeting.
casectl -C "$cases" report caseload --as-of "$last_day" --format md >"$out/$month/summary.md"
casectl -C "$cases" report outcomes --month "$month" --redact --format md >>"$out/$month/summary.md"
echo "$out/$month"
