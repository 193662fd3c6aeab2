/**
 * Which MCP server URLs a session may reach. The URL comes from the user, so it is a server-side
 * request forgery surface: only http(s), no credentials in the URL, and no private, loopback,
 * link-local or otherwise internal host unless the app runs in local dev or `[features.mcp]
 * allow_hosts` names the host. Checked on the host as the URL parser normalises it, so
 * `http://2130706433/`, `http://0x7f.1/` and `http://[::ffff:127.0.0.1]/` are all 127.0.0.1.
 */

/** Why a URL is refused, or null when it may be reached. */
export function mcpUrlRefusal(
  raw: string,
  policy: { dev: boolean; allowHosts: readonly string[] },
): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "the URL is not a valid absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `only http and https URLs are allowed, not ${url.protocol.slice(0, 20)}`;
  }
  if (url.username || url.password) {
    return "credentials in the URL are not allowed; send them as a header";
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host === "") return "the URL has no host";
  if (policy.dev) return null;
  const allowed = policy.allowHosts.map((h) => h.toLowerCase().replace(/^\[|\]$/g, ""));
  if (allowed.includes(host.replace(/^\[|\]$/g, ""))) return null;
  const internal = internalHost(host);
  return internal
    ? `${internal} hosts are not allowed (add the host to [features.mcp] allow_hosts to permit it)`
    : null;
}

/** What kind of internal host `host` (as `URL.hostname` gives it) is; null for a public one. */
export function internalHost(host: string): string | null {
  if (host.startsWith("[")) return internalIpv6(host.slice(1, -1));
  const v4 = parseIpv4(host);
  if (v4) return internalIpv4(v4);
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  // Names only an internal resolver answers: single labels (`metadata`, `intranet`) and the
  // suffixes reserved for local networks and cloud metadata (`metadata.google.internal`).
  if (!host.includes(".")) return "internal";
  if (/\.(local|internal|lan|home\.arpa|intranet|corp)$/.test(host)) return "internal";
  return null;
}

function parseIpv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

function internalIpv4([a = 0, b = 0, c = 0]: number[]): string | null {
  if (a === 127) return "loopback";
  if (a === 169 && b === 254) return "link-local";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 0 || (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19))) {
    return "private";
  }
  if (a === 192 && b === 0 && c === 0) return "private";
  if (a >= 224) return "multicast or reserved";
  return null;
}

/** Parses an IPv6 literal (as URL normalises it) into its 8 groups. */
function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const all = [...head, ...tail];
  // URL writes an embedded IPv4 as two hex groups, but accept the dotted form too.
  const last = all.at(-1);
  const dotted = last?.includes(".") ? parseIpv4(last) : null;
  const hex = dotted ? all.slice(0, -1) : all;
  const values = hex.map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN));
  if (dotted)
    values.push(
      ((dotted[0] ?? 0) << 8) | (dotted[1] ?? 0),
      ((dotted[2] ?? 0) << 8) | (dotted[3] ?? 0),
    );
  if (values.some(Number.isNaN)) return null;
  const missing = 8 - values.length;
  if (halves.length === 1) return missing === 0 ? values : null;
  if (missing < 1) return null;
  const headValues = values.slice(0, head.length);
  return [...headValues, ...new Array<number>(missing).fill(0), ...values.slice(head.length)];
}

function internalIpv6(text: string): string | null {
  const g = parseIpv6(text.toLowerCase());
  if (!g) return "unparsable IPv6";
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) {
    if (g5 === 0 && g6 === 0 && (g7 === 0 || g7 === 1)) return "loopback";
    // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form (::a.b.c.d).
    if (g5 === 0xffff || g5 === 0) return internalIpv4(embedded);
  }
  // NAT64 (64:ff9b::a.b.c.d) reaches the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b) return internalIpv4(embedded);
  if ((g0 & 0xfe00) === 0xfc00) return "private";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xff00) === 0xff00) return "multicast or reserved";
  // 6to4 (2002:AABB:CCDD::) embeds an IPv4 address in its second and third groups.
  if (g0 === 0x2002) return internalIpv4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]);
  return null;
}
