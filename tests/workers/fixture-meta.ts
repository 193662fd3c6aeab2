// config.toml and welcome.md of the runtime tests' app.
export default {
  config: `[project]\nname = "Runtime tests"\nsession_timeout = 2\nuser_env = ["TEST_KEY"]\n\n[UI]\nname = "Test app"\n`,
  welcome: "# Hello tests",
};
