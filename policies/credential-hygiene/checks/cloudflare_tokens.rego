# METADATA
# title: Cloudflare API tokens
# description: CF-TOK checks over the tokens of cloudflare-snapshot documents.
package regolith.checks.cf_tok

import data.regolith.lib
import data.regolith.lib.cloudflare as cf

# METADATA
# title: Disabled or expired Cloudflare token still present
# description: |
#   A token whose status is `disabled` or `expired` can no longer be used, but it stays
#   in the account's token list, where it hides the live inventory and can be re-enabled
#   by anyone who can edit tokens. Delete tokens that are no longer needed.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare API token management (list, update, delete)
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
# custom:
#   id: CF-TOK-010
#   severity: low
#   remediation: |
#     Delete the token (dashboard: My Profile or Manage Account > API Tokens > Delete, or
#     DELETE /accounts/{account_id}/tokens/{token_id} / /user/tokens/{token_id}); if it is
#     still needed, roll it and set a new expiry instead of re-enabling it.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": t.resource,
	"message": sprintf("Cloudflare token %q is %s but still exists", [t.token.name, t.token.status]),
	"evidence": [sprintf("status: %s", [t.token.status])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some t in cf.tokens
	t.token.status in {"disabled", "expired"}
}
