#!/bin/sh
# Monthly statistics export: last month's figures as CSV files for the spreadsheet the agency
# keeps, one table a file (a report's sections have different columns), redacted (no names,
# birth dates or free text), as of the month's last day, so running it again later gives the
# same figures. Run on the 1st, e.g. from cron:
#   0 6 1 * *  /srv/casectl/monthly-report.sh /srv/cases /srv/statistics
set -eu
cases="${1:?case directory}"
out="${2:?output folder}"
month="$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)"  # last month, YYYY-MM
mkdir -p "$out/$month"
# REPORT:SECTION pairs; --month makes the period that month and the picture its last day.
for table in caseload:workers overdue:deadlines risk:counts risk:high services:types \
  services:duplicates outcomes:summary outcomes:reasons outcomes:cases activity:workers; do
  report="${table%%:*}" section="${table#*:}"
  casectl -C "$cases" report "$report" --section "$section" --month "$month" --redact --format csv --bom \
    >"$out/$month/$report-$section.csv"
done
# One readable summary for the monthly meeting.
casectl -C "$cases" report caseload --month "$month" --format md >"$out/$month/summary.md"
casectl -C "$cases" report outcomes --month "$month" --redact --format md >>"$out/$month/summary.md"
echo "$out/$month"
