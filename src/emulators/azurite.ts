/**
 * Azurite, Microsoft's Azure Storage emulator, as a separate process on a free loopback port (the
 * host's UrlFetchApp waits synchronously, so the server cannot share the test's event loop). It
 * checks SAS signatures against its well-known development account.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContainerSASPermissions,
  StorageSharedKeyCredential,
  BlobServiceClient,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { freePort } from './free-port';
import { killWithParent, stopChild, waitFor } from './child';

/** Azurite's documented development account and key. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  port: number;
  /** Where the add-on believes the account is; the host sends it to `port`. */
  accountUrl: string;
  /** A client of the emulator itself, for checking what was stored. */
  service: BlobServiceClient;
  /** A container SAS token (no leading ?) with the given permissions, valid for a day from `now`. */
  sas(container: string, permissions: string, now?: Date): string;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'azurite-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      require.resolve('azurite/dist/src/blob/main.js'),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      dir,
      '--silent',
      '--skipApiVersionCheck',
    ],
    { stdio: 'ignore' },
  );
  killWithParent(child);
  const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
  // No kept-alive sockets: they would hold the test process open after Azurite stops.
  const service = new BlobServiceClient(`http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`, credential, { keepAliveOptions: { enable: false } });
  await waitFor(() => service.getProperties());
  return {
    port,
    accountUrl: `https://${AZURITE_ACCOUNT}.blob.core.windows.net`,
    service,
    sas: (container, permissions, now = new Date()) =>
      generateBlobSASQueryParameters(
        {
          containerName: container,
          permissions: ContainerSASPermissions.parse(permissions),
          startsOn: new Date(now.getTime() - 3600_000),
          expiresOn: new Date(now.getTime() + 24 * 3600_000),
        },
        credential,
      ).toString(),
    stop: () => stopChild(child, dir),
  };
}
