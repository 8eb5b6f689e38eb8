package regolith.lib

# Every age and deadline is measured against the document's own clock
# (`generated_at`, or `declared_at` for declared documents), never the wall clock, so
# the same snapshot gives the same findings tomorrow.

ns_per_day := 86400000000000

# days_between is the number of whole days from `earlier` to `later` (RFC 3339
# timestamps); negative when `later` comes first.
days_between(earlier, later) := floor((time.parse_rfc3339_ns(later) - time.parse_rfc3339_ns(earlier)) / ns_per_day)

# older_than holds when `ts` lies more than `days` days before `now`.
older_than(ts, now, days) if days_between(ts, now) > days
