/** What a download says when it fails (src/components/download.ts): nothing when it worked, else the reason. */
import { describe, expect, it } from 'vitest';
import { downloadProblem } from '../../src/components/download.ts';

describe('downloadProblem', () => {
  it('is empty when the download worked, waiting for an async one', async () => {
    let done = false;
    await expect(
      downloadProblem(async () => {
        await Promise.resolve();
        done = true;
      }),
    ).resolves.toBe('');
    expect(done).toBe(true);
  });

  it("names the failure: an Error's message, or what else was thrown", async () => {
    await expect(downloadProblem(() => Promise.reject(new Error('canvas too large')))).resolves.toBe(
      'The download failed: canvas too large',
    );
    await expect(
      downloadProblem(() => {
        throw 'no blob';
      }),
    ).resolves.toBe('The download failed: no blob');
  });
});
