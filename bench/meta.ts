// The bench app's config: a loopback load of 100 sessions must not trip public-mode rate limits.
export default {
  config: `[project]
name = "bench"

[project.rate_limit]
messages_per_minute = 1000000
ip_messages_per_minute = 1000000
actions_per_minute = 1000000
ip_actions_per_minute = 1000000
sessions_per_minute = 1000000
ip_sessions_per_minute = 1000000
`,
  welcome: "",
};
