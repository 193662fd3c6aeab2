// config.toml of the platform tests' app: a small message limit, for the flood test.
export default {
  config: `[project]\nname = "Platform tests"\n\n[project.rate_limit]\nmessages_per_minute = 6\n`,
  welcome: "",
};
