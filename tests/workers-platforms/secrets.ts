// The platform secrets of the platform tests' Worker (test values, not real credentials).
export const SLACK_BOT_TOKEN = "xoxb-test-token";
export const TEAMS_APP_ID = "00000000-1111-2222-3333-444444444444";
export const TEAMS_APP_PASSWORD = "teams-test-password";
