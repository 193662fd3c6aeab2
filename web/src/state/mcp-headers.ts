/**
 * The MCP dialog's headers field: one "Name: value" per line, blank lines ignored. The server
 * validates names and values again (protocol/mcp.ts); this only turns text into a record.
 */

/** "Name: value" lines into headers; a line without a colon is an error naming it. */
export function parseHeaderLines(
  text: string,
): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const at = line.indexOf(":");
    if (at <= 0) return { error: `"${line.slice(0, 40)}" is not "Name: value"` };
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { headers };
}
