/** The MCP URL policy (SSRF): every spelling of an internal host is refused in a deployment. */
import { describe, expect, it } from "vitest";
import { mcpUrlRefusal } from "../../durable-objects/session/mcp-url.js";

const deployed = { dev: false, allowHosts: [] as string[] };

describe("mcpUrlRefusal", () => {
  it.each([
    ["http://127.0.0.1:8080/mcp", "loopback"],
    ["http://127.9.9.9/", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://0x7f.1/", "loopback"],
    ["http://0177.0.0.1/", "loopback"],
    ["http://localhost:3000/mcp", "loopback"],
    ["http://LOCALHOST./mcp", "loopback"],
    ["http://api.localhost/", "loopback"],
    ["http://[::1]/mcp", "loopback"],
    ["http://[::]/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[::ffff:a9fe:a9fe]/", "link-local"],
    ["http://[64:ff9b::10.0.0.1]/", "private"],
    ["http://[2002:0a00:0001::]/", "private"],
    ["http://10.0.0.5/mcp", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://172.31.255.255/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://100.64.0.1/", "private"],
    ["http://0.0.0.0/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fd00::1]/", "private"],
    ["http://[ff02::1]/", "multicast or reserved"],
    ["http://224.0.0.1/", "multicast or reserved"],
    ["http://metadata.google.internal/", "internal"],
    ["http://metadata/", "internal"],
    ["http://printer.local/", "internal"],
  ])("refuses %s as %s", (url, kind) => {
    expect(mcpUrlRefusal(url, deployed)).toBe(
      `${kind} hosts are not allowed (add the host to [features.mcp] allow_hosts to permit it)`,
    );
  });

  it.each([
    ["file:///etc/passwd", "only http and https URLs are allowed, not file:"],
    ["ftp://example.com/", "only http and https URLs are allowed, not ftp:"],
    ["gopher://example.com/", "only http and https URLs are allowed, not gopher:"],
    ["javascript:alert(1)", "only http and https URLs are allowed, not javascript:"],
    ["/relative/mcp", "the URL is not a valid absolute URL"],
    [
      "https://user:pw@example.com/mcp",
      "credentials in the URL are not allowed; send them as a header",
    ],
  ])("refuses %s", (url, why) => {
    expect(mcpUrlRefusal(url, deployed)).toBe(why);
  });

  it("lets public hosts through", () => {
    for (const url of [
      "https://mcp.example.com/mcp",
      "http://8.8.8.8/sse",
      "https://[2606:4700::1111]/mcp",
      "https://172.32.0.1/",
      "https://[::ffff:8.8.8.8]/",
    ]) {
      expect(mcpUrlRefusal(url, deployed), url).toBeNull();
    }
  });

  it("lets internal hosts through only in local dev or when allow_hosts names them exactly", () => {
    expect(mcpUrlRefusal("http://127.0.0.1:9000/mcp", { dev: true, allowHosts: [] })).toBeNull();
    const allow = { dev: false, allowHosts: ["127.0.0.1", "[::1]", "Tools.Internal"] };
    expect(mcpUrlRefusal("http://127.0.0.1:9000/mcp", allow)).toBeNull();
    expect(mcpUrlRefusal("http://[::1]:9000/mcp", allow)).toBeNull();
    expect(mcpUrlRefusal("http://tools.internal/mcp", allow)).toBeNull();
    expect(mcpUrlRefusal("http://localhost:9000/mcp", allow)).not.toBeNull();
    expect(mcpUrlRefusal("http://10.0.0.1/", allow)).not.toBeNull();
    // Dev never lets other schemes through.
    expect(mcpUrlRefusal("file:///etc/passwd", { dev: true, allowHosts: [] })).not.toBeNull();
  });
});
