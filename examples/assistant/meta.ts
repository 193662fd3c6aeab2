// The app's text files, bundled as Text modules (wrangler's [[rules]] apply to these imports).
import config from "./config.toml";
import welcome from "./welcome.md";

export default { config, welcome };
