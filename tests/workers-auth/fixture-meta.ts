// config.toml of the auth tests' app: one extra allowed origin and small rate limits.
export default {
  config: `[project]
name = "Auth tests"
allow_origins = ["https://allowed.example"]
rate_limit = { messages_per_minute = 3, ip_messages_per_minute = 5 }
`,
  welcome: "",
};
