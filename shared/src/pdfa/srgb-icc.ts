/**
 * A small ICC v2 display profile for sRGB (IEC 61966-2.1), built in code so that no profile file
 * has to be shipped or fetched: the PDF/A output intent needs one. Matrix/TRC form: the three
 * colorants adapted to D50 (Bradford, as the ICC specification requires for the PCS) and the sRGB
 * tone curve as a 1024-point table shared by the three channels.
 */

const CURVE_POINTS = 1024;
const DESCRIPTION = 'sRGB IEC61966-2.1';
const COPYRIGHT = 'No copyright, use freely';

/** s15Fixed16Number values of the profile (ICC.1:2001-04, annex F). */
const D50: readonly [number, number, number] = [0.9642, 1.0, 0.8249];
const D65_WHITE: readonly [number, number, number] = [0.9505, 1.0, 1.089];
const RED: readonly [number, number, number] = [0.4361, 0.2225, 0.0139];
const GREEN: readonly [number, number, number] = [0.3851, 0.7169, 0.0971];
const BLUE: readonly [number, number, number] = [0.1431, 0.0606, 0.7141];

class Bytes {
  readonly out: number[] = [];
  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }
  ascii(s: string): this {
    for (const ch of s) this.u8(ch.charCodeAt(0));
    return this;
  }
  s15f16(v: number): this {
    return this.u32(Math.round(v * 65536) >>> 0);
  }
  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.u8(0);
    return this;
  }
  pad4(): this {
    while (this.out.length % 4) this.u8(0);
    return this;
  }
}

function xyzTag(v: readonly [number, number, number]): number[] {
  return new Bytes().ascii('XYZ ').zeros(4).s15f16(v[0]).s15f16(v[1]).s15f16(v[2]).out;
}

/** The sRGB transfer function, sampled. */
function curveTag(): number[] {
  const b = new Bytes().ascii('curv').zeros(4).u32(CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const c = i / (CURVE_POINTS - 1);
    const linear = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    b.u16(Math.round(linear * 65535));
  }
  return b.out;
}

function descriptionTag(text: string): number[] {
  // textDescriptionType: ASCII part, an empty Unicode part and an empty ScriptCode part.
  return new Bytes()
    .ascii('desc')
    .zeros(4)
    .u32(text.length + 1)
    .ascii(text)
    .u8(0)
    .u32(0)
    .u32(0)
    .u16(0)
    .u8(0)
    .zeros(67).out;
}

function textTag(text: string): number[] {
  return new Bytes().ascii('text').zeros(4).ascii(text).u8(0).out;
}

function build(): Uint8Array {
  const curve = curveTag();
  const data: [string, number[]][] = [
    ['desc', descriptionTag(DESCRIPTION)],
    ['cprt', textTag(COPYRIGHT)],
    ['wtpt', xyzTag(D65_WHITE)],
    ['rXYZ', xyzTag(RED)],
    ['gXYZ', xyzTag(GREEN)],
    ['bXYZ', xyzTag(BLUE)],
    ['rTRC', curve],
  ];
  const shared: [string, string][] = [
    ['gTRC', 'rTRC'],
    ['bTRC', 'rTRC'],
  ];
  const tagCount = data.length + shared.length;
  const tableEnd = 128 + 4 + 12 * tagCount;
  const body = new Bytes();
  const offsets = new Map<string, [number, number]>();
  for (const [sig, bytes] of data) {
    body.pad4();
    offsets.set(sig, [tableEnd + body.out.length, bytes.length]);
    body.out.push(...bytes);
  }
  body.pad4();
  for (const [sig, same] of shared) offsets.set(sig, offsets.get(same)!);
  const size = tableEnd + body.out.length;

  const header = new Bytes()
    .u32(size)
    .zeros(4) // preferred CMM: none
    .u32(0x02100000) // version 2.1
    .ascii('mntr')
    .ascii('RGB ')
    .ascii('XYZ ')
    .u16(2026)
    .u16(1)
    .u16(1)
    .u16(0)
    .u16(0)
    .u16(0)
    .ascii('acsp')
    .zeros(4) // platform
    .zeros(4) // flags
    .zeros(4) // manufacturer
    .zeros(4) // model
    .zeros(8) // attributes
    .u32(0) // perceptual
    .s15f16(D50[0])
    .s15f16(D50[1])
    .s15f16(D50[2])
    .zeros(4) // creator
    .zeros(44); // profile ID and reserved bytes
  const table = new Bytes().u32(tagCount);
  for (const sig of [...data.map(([s]) => s), ...shared.map(([s]) => s)]) {
    const [offset, length] = offsets.get(sig)!;
    table.ascii(sig).u32(offset).u32(length);
  }
  return Uint8Array.from([...header.out, ...table.out, ...body.out]);
}

let cached: Uint8Array | undefined;

/** The profile's bytes (built once; callers must not change them). */
export function srgbIccProfile(): Uint8Array {
  cached ??= build();
  return cached;
}

/** The name the output intent gives the profile's condition. */
export const SRGB_CONDITION = DESCRIPTION;
