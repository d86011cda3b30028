import { Refusal } from './refusal';

/** For tests: the code and fields of the `Refusal` a push module throws; fails when it does not refuse. */
export async function refused(run: Promise<unknown>): Promise<[string, string[]]> {
  try {
    await run;
  } catch (err) {
    if (err instanceof Refusal) return [err.code, err.fields];
    throw err;
  }
  throw new Error('expected a refusal');
}
