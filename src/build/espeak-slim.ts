/**
 * Makes the espeak-ng WebAssembly file cheap to download, for a build that only speaks English
 * and Welsh.
 *
 * The npm package `espeak-ng` (GPL-3.0-or-later) embeds all of espeak-ng's data (dictionaries for
 * about 100 languages, ~18 MB) in the .wasm file's data segments, listed in a table of embedded
 * files in memory. We read that table, and fill the bytes of every dictionary except the ones we
 * keep with zeros. The file keeps its size and layout (so the program is unchanged), but compresses
 * from ~9 MB to ~1 MB. Speech in the kept languages is byte-for-byte the same (tested).
 *
 * Pure functions over bytes; the build plugin (speech-engine.ts) and the tests call them.
 */

export type EmbeddedFile = { name: string; address: number; length: number };
type DataSegment = { memoryOffset: number; fileOffset: number; length: number };

function readLeb(bytes: Uint8Array, at: number, signed = false): { value: number; next: number } {
  let result = 0;
  let shift = 0;
  let byte = 0;
  let pos = at;
  do {
    byte = bytes[pos] ?? 0;
    pos += 1;
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  if (signed && byte & 0x40) result -= 2 ** shift;
  return { value: result, next: pos };
}

/** The active data segments of a wasm module: where each lands in memory and where it is in the file. */
export function dataSegments(wasm: Uint8Array): DataSegment[] {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) throw new Error('Not a WebAssembly file');
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at] ?? 0;
    const size = readLeb(wasm, at + 1);
    const start = size.next;
    const end = start + size.value;
    if (id === 11) {
      const segments: DataSegment[] = [];
      const count = readLeb(wasm, start);
      let pos = count.next;
      for (let n = 0; n < count.value; n += 1) {
        const flags = readLeb(wasm, pos);
        pos = flags.next;
        let memoryOffset = -1;
        if (flags.value === 0 || flags.value === 2) {
          if (flags.value === 2) pos = readLeb(wasm, pos).next;
          if (wasm[pos] !== 0x41) throw new Error('Unsupported data segment offset');
          const offset = readLeb(wasm, pos + 1, true);
          if (wasm[offset.next] !== 0x0b) throw new Error('Unsupported data segment offset');
          memoryOffset = offset.value;
          pos = offset.next + 1;
        }
        const length = readLeb(wasm, pos);
        pos = length.next;
        if (memoryOffset >= 0) segments.push({ memoryOffset, fileOffset: pos, length: length.value });
        pos += length.value;
      }
      return segments;
    }
    at = end;
  }
  throw new Error('No data section');
}

/** Maps a memory range to ranges of the file (a range may span segments; gaps are zero memory). */
function fileRanges(segments: DataSegment[], address: number, length: number): { fileOffset: number; length: number }[] {
  const out: { fileOffset: number; length: number }[] = [];
  for (const s of segments) {
    const from = Math.max(address, s.memoryOffset);
    const to = Math.min(address + length, s.memoryOffset + s.length);
    if (from < to) out.push({ fileOffset: s.fileOffset + (from - s.memoryOffset), length: to - from });
  }
  return out;
}

function readMemory(wasm: Uint8Array, segments: DataSegment[], address: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (const s of segments) {
    const from = Math.max(address, s.memoryOffset);
    const to = Math.min(address + length, s.memoryOffset + s.length);
    if (from < to) out.set(wasm.subarray(s.fileOffset + (from - s.memoryOffset), s.fileOffset + (to - s.memoryOffset)), from - address);
  }
  return out;
}

const u32 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);

/** The address of Emscripten's embedded file table, as the package's JavaScript states it. */
export function embeddedTableAddress(glue: string): number {
  const match = /___emscripten_embedded_file_data\s*=\s*Module\['___emscripten_embedded_file_data'\]\s*=\s*(\d+)/.exec(glue);
  if (!match?.[1]) throw new Error('espeak-ng: embedded file table not found in the JavaScript (package changed?)');
  return Number(match[1]);
}

/** The files embedded in the module (Emscripten `--embed-file`): name, address in memory, length. */
export function embeddedFiles(wasm: Uint8Array, tableAddress: number): EmbeddedFile[] {
  const segments = dataSegments(wasm);
  const files: EmbeddedFile[] = [];
  let ptr = tableAddress;
  for (;;) {
    const entry = readMemory(wasm, segments, ptr, 16);
    const nameAddress = u32(entry, 0);
    if (nameAddress === 0) break;
    const length = u32(entry, 4);
    const address = u32(entry, 8);
    const nameBytes = readMemory(wasm, segments, nameAddress, 512);
    const name = new TextDecoder().decode(nameBytes.subarray(0, nameBytes.indexOf(0)));
    files.push({ name, address, length });
    ptr += 12;
    if (files.length > 10_000) throw new Error('espeak-ng: embedded file table does not end');
  }
  return files;
}

/** Keeps the dictionaries of the given espeak-ng languages (e.g. ["en", "cy"]) and every non-dictionary file. */
export const keepLanguages = (languages: readonly string[]) => (name: string) => {
  const dict = /\/([a-z]+)_dict$/.exec(name);
  return !dict || languages.includes(dict[1] ?? '');
};

/** A copy of `wasm` with the contents of every embedded file not kept filled with zeros. */
export function blankUnusedFiles(wasm: Uint8Array, tableAddress: number, keep: (name: string) => boolean): { wasm: Uint8Array<ArrayBuffer>; kept: EmbeddedFile[]; blanked: EmbeddedFile[] } {
  const segments = dataSegments(wasm);
  const files = embeddedFiles(wasm, tableAddress);
  const out = new Uint8Array(wasm);
  const kept: EmbeddedFile[] = [];
  const blanked: EmbeddedFile[] = [];
  for (const file of files) {
    if (keep(file.name)) {
      kept.push(file);
      continue;
    }
    blanked.push(file);
    for (const range of fileRanges(segments, file.address, file.length)) out.fill(0, range.fileOffset, range.fileOffset + range.length);
  }
  return { wasm: out, kept, blanked };
}
