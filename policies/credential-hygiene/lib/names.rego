package regolith.lib

# Name conventions come from data.regolith.params. Patterns are RE2 regular
# expressions (as in regex.match); environment names are globs (glob.match with no
# delimiters, so `*` matches anything), compared case-insensitively.

matches_any(name, patterns) if {
	some pattern in patterns
	regex.match(pattern, name)
}

# is_credential_name: a secret name that holds a bearer credential.
is_credential_name(name) if {
	matches_any(name, params.credential_name_patterns)
	not matches_any(name, params.credential_name_exceptions)
}

is_openai_key_name(name) if matches_any(name, params.openai_key_patterns)

is_production_environment(name) if {
	some pattern in params.production_environments
	glob.match(lower(pattern), [], lower(name))
}

# severity_order ranks severities so checks can compare them.
severity_order := {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
