import { workersPool } from "../workers-pool.js";

/**
 * Runtime tests of login and access control: the real Worker in workerd with an app that
 * registers every auth callback (./fixture-app.ts), a signing secret, small rate limits, and
 * OAuth providers pointed at the loopback provider started by ./global-setup.ts.
 */
export default workersPool({
  name: "workers-auth",
  dir: "workers-auth",
  bindings: (inject) => ({
    // A test value from `edgelit create-secret` (a weak one would be refused).
    EDGELIT_AUTH_SECRET: "sJasow5ML2RJxC4LNV0wAET0SusSqmteMzfGfFdy5_I",
    OAUTH_GENERIC_CLIENT_ID: "edgelit-test",
    OAUTH_GENERIC_CLIENT_SECRET: "edgelit-test-secret",
    OAUTH_GENERIC_ISSUER: inject("oauthUrl"),
    OAUTH_GITHUB_CLIENT_ID: "edgelit-test",
    OAUTH_GITHUB_CLIENT_SECRET: "edgelit-test-secret",
    OAUTH_GITHUB_BASE_URL: inject("oauthUrl"),
    OAUTH_GITHUB_API_URL: `${inject("oauthUrl")}/api`,
    OAUTH_KEYCLOAK_CLIENT_ID: "edgelit-test",
    OAUTH_KEYCLOAK_CLIENT_SECRET: "edgelit-test-secret",
    OAUTH_KEYCLOAK_BASE_URL: inject("oauthUrl"),
    OAUTH_KEYCLOAK_REALM: "test",
    // Set without its required domain: must stay off.
    OAUTH_OKTA_CLIENT_ID: "edgelit-test",
  }),
});
