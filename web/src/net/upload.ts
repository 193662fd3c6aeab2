/**
 * File uploads go over HTTP, not the socket: `POST /api/sessions/<id>/files?name=<name>` with
 * the file itself as the body (its type as Content-Type; the browser sets Content-Length), so
 * the server streams it to storage without parsing a form. XMLHttpRequest because fetch still
 * cannot report upload progress.
 */

export interface UploadedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface UploadHandle {
  promise: Promise<UploadedFile>;
  abort: () => void;
}

export function uploadFile(
  sessionId: string,
  file: File,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedFile>((resolve, reject) => {
    const name = encodeURIComponent(file.name);
    xhr.open("POST", `/api/sessions/${encodeURIComponent(sessionId)}/files?name=${name}`);
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as (Partial<UploadedFile> & { error?: string }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.id === "string") {
        onProgress(1);
        resolve(body as UploadedFile);
      } else {
        reject(new Error(body?.error ?? `upload failed (${xhr.status})`));
      }
    };
    xhr.onerror = () => reject(new Error("upload failed: network error"));
    xhr.onabort = () => reject(new Error("upload cancelled"));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

/** True when `file` matches an accept list (`["image/*", ".pdf"]`) or map (`{ "text/plain": [".txt"] }`). */
export function accepts(
  file: File,
  accept: string[] | Record<string, string[]> | undefined,
): boolean {
  if (!accept) return true;
  const patterns = Array.isArray(accept)
    ? accept
    : Object.entries(accept).flatMap(([mime, exts]) => [mime, ...exts]);
  if (patterns.length === 0) return true;
  const name = file.name.toLowerCase();
  return patterns.some((p) => {
    const pattern = p.trim().toLowerCase();
    if (pattern === "*/*" || pattern === "*") return true;
    if (pattern.startsWith(".")) return name.endsWith(pattern);
    if (pattern.endsWith("/*")) return file.type.startsWith(pattern.slice(0, -1));
    return file.type === pattern;
  });
}

/** The `accept` attribute of an `<input type=file>` for an accept list or map. */
export function acceptAttr(
  accept: string[] | Record<string, string[]> | undefined,
): string | undefined {
  if (!accept) return undefined;
  const list = Array.isArray(accept)
    ? accept
    : Object.entries(accept).flatMap(([m, e]) => [m, ...e]);
  return list.includes("*/*") ? undefined : list.join(",");
}
