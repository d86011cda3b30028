import type { DiariumDatabase } from './database';

const RELEASED = 'released-files';

/**
 * Files the user let go of on this device (a closed meeting's package): prefetch does not fetch
 * them again; opening one does, and takes it off the list. Kept as file ids in a local document.
 */
export class ReleasedFiles {
  private ids: Set<string> | null = null;

  constructor(private readonly db: DiariumDatabase) {}

  private async load(): Promise<Set<string>> {
    this.ids ??= new Set((await this.db.getLocal<{ ids: string[] }>(RELEASED))?.get('ids') ?? []);
    return this.ids;
  }

  async has(fileId: string): Promise<boolean> {
    return (await this.load()).has(fileId);
  }

  async add(fileIds: readonly string[]): Promise<void> {
    const ids = await this.load();
    for (const id of fileIds) ids.add(id);
    await this.db.upsertLocal(RELEASED, { ids: [...ids] });
  }

  async delete(fileId: string): Promise<void> {
    const ids = await this.load();
    if (!ids.delete(fileId)) return;
    await this.db.upsertLocal(RELEASED, { ids: [...ids] });
  }
}
