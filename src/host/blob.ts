/** Apps Script's Blob: bytes are signed (−128…127) when they come out, as in Apps Script. */
export class EmuBlob {
  constructor(
    private bytes: Uint8Array,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}

  static from(data: unknown, contentType?: string, name?: string): EmuBlob {
    let bytes: Uint8Array;
    if (typeof data === 'string') bytes = new Uint8Array(Buffer.from(data, 'utf8'));
    else if (Array.isArray(data)) bytes = Uint8Array.from(data as number[], (b) => (b + 256) % 256);
    else if (data instanceof Uint8Array) bytes = new Uint8Array(data);
    else bytes = new Uint8Array(0);
    return new EmuBlob(bytes, contentType ?? null, name ?? null);
  }

  getBytes(): number[] {
    return Array.from(this.bytes, (b) => (b > 127 ? b - 256 : b));
  }
  raw(): Uint8Array {
    return this.bytes;
  }
  getDataAsString(): string {
    return Buffer.from(this.bytes).toString('utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(t: string): EmuBlob {
    this.contentType = t;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(n: string): EmuBlob {
    this.name = n;
    return this;
  }
  getBlob(): EmuBlob {
    return this;
  }
}
