# METADATA
# title: Shared helpers of the credential-hygiene bundle
# description: |
#   Finding construction, time arithmetic and name matching used by every check.
#   Checks live in packages under data.regolith.checks; each check is one
#   `findings contains f` rule definition whose METADATA carries the check's id,
#   severity, remediation and identity fields.
package regolith.lib

# finding builds one result of a check from the check rule's own METADATA (pass
# `rego.metadata.rule()`) and the fields that only the check knows:
#   resource  the URI of the thing the finding is about (CLI.md, "Resource identifiers")
#   message   one sentence saying what is wrong, naming the thing
#   evidence  short strings that show the facts ("secrets.OPENAI_API_KEY -> env.OPENAI_API_KEY")
#   identity  an object with exactly the fields named in custom.identity (the fingerprint)
#   source    where the facts sit: source(kind, index, pointer)
# and, optionally, `severity` when the check picks between its defaults by context.
finding(meta, fields) := object.union(
	{
		"rule": meta.custom.id,
		"title": meta.title,
		"severity": meta.custom.severity,
		"remediation": meta.custom.remediation,
		"status": "fail",
		"evidence": [],
	},
	fields,
)

# unknown is the outcome when a fact the check needs is null in the snapshot (a coverage
# gap) or not collected at all: the check neither passes nor fails, and `message` says
# which fact is missing.
unknown(meta, fields) := finding(meta, object.union(fields, {"status": "unknown"}))

# source names the input document a finding rests on: `kind` is the key in `input`
# ("github", "cloudflare", "openai"), `index` the position in that list, `pointer` a JSON
# pointer into that document.
source(kind, index, pointer) := {"document": kind, "index": index, "pointer": pointer}

params := data.regolith.params
