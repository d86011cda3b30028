/** The server's answer to an upload: its status and parsed JSON body ({} when there is none). */
export interface UploadAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends one file; `onProgress` gets the fraction sent (0–1) where the platform reports it.
 * Rejects only when the network fails (the file stays queued).
 */
export type UploadSender = (url: string, token: string, blob: Blob, onProgress: (fraction: number) => void) => Promise<UploadAnswer>;

/** With fetch, which reports no upload progress (Node, tests). */
export function fetchSender(fetchImpl: typeof fetch): UploadSender {
  return async (url, token, blob) => {
    const res = await fetchImpl(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: blob });
    return { status: res.status, body: ((await res.json().catch(() => ({}))) ?? {}) as Record<string, unknown> };
  };
}

/** With XMLHttpRequest, whose upload events give the percentage shown beside the file. */
export const xhrSender: UploadSender = (url, token, blob, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = (JSON.parse(xhr.responseText) as Record<string, unknown> | null) ?? {};
      } catch {
        // Not JSON (a proxy's error page): the status alone decides.
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.onabort = () => reject(new Error('aborted'));
    xhr.send(blob);
  });
