// The runtime tests' app registers nothing at import: each test installs the hooks it needs.
export {};
