/** Why a file's bytes could not be had: each has its own Swedish text (`file.error.reason.*`). */
export type FileOpenFailure = 'not_in_replica' | 'unreachable' | 'refused' | 'gone' | 'server';

/** A file could not be opened; `message` says why in English for the log. */
export class FileOpenError extends Error {
  constructor(
    readonly reason: FileOpenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FileOpenError';
  }
}

/** The failure an HTTP status of the file download means. */
export function downloadFailure(status: number): FileOpenFailure {
  if (status === 401 || status === 403) return 'refused';
  if (status === 404 || status === 410) return 'gone';
  return 'server';
}
