// Which IP addresses an outbound request must not reach unless configured:
// pure code, so the Workers entry (no node:net) classifies exactly as Node does.
// tests/unit/ip-ranges.test.ts checks it against Node's net.BlockList.

/** Why an address is not public: the words a 400 or a delivery error uses. */
export type AddressKind =
  | "unspecified"
  | "loopback"
  | "private"
  | "shared (CGNAT)"
  | "link-local"
  | "unique-local"
  | "multicast"
  | "reserved";

type Range = { prefix: number[]; bits: number; kind: AddressKind };

const v4Ranges: Range[] = [
  { prefix: [0], bits: 8, kind: "unspecified" },
  { prefix: [10], bits: 8, kind: "private" },
  { prefix: [100, 64], bits: 10, kind: "shared (CGNAT)" },
  { prefix: [127], bits: 8, kind: "loopback" },
  { prefix: [169, 254], bits: 16, kind: "link-local" },
  { prefix: [172, 16], bits: 12, kind: "private" },
  { prefix: [192, 0, 0], bits: 24, kind: "reserved" },
  { prefix: [192, 168], bits: 16, kind: "private" },
  { prefix: [198, 18], bits: 15, kind: "reserved" },
  { prefix: [224], bits: 4, kind: "multicast" },
  // 240/4 is reserved, and holds the broadcast address.
  { prefix: [240], bits: 4, kind: "reserved" },
];

const v6Ranges: Range[] = [
  { prefix: [0xfe, 0x80], bits: 10, kind: "link-local" },
  { prefix: [0xfe, 0xc0], bits: 10, kind: "reserved" }, // site-local, deprecated
  { prefix: [0xfc], bits: 7, kind: "unique-local" },
  { prefix: [0xff], bits: 8, kind: "multicast" },
];

function inRange(bytes: number[], range: Range): boolean {
  for (let bit = 0; bit < range.bits; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((bytes[i] & mask) !== ((range.prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Four bytes of a dotted-decimal IPv4 address (the form DNS answers and WHATWG URLs use), or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** Sixteen bytes of an IPv6 address (`::` shorthand and a dotted IPv4 tail allowed, no zone), or null. */
export function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const out: number[] = [];
    const pieces = half.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes(".")) {
        const v4 = parseIpv4(piece);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(Number.parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...new Array(missing).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function v4Kind(bytes: number[]): AddressKind | null {
  return v4Ranges.find((r) => inRange(bytes, r))?.kind ?? null;
}

function v6Kind(b: number[]): AddressKind | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return "unspecified";
  if (zeros(0, 15) && b[15] === 1) return "loopback";
  // Forms that carry an IPv4 address: mapped (::ffff:a.b.c.d), the NAT64 prefix
  // (64:ff9b::/96) and 6to4 (2002:a.b.c.d::/48) reach that IPv4 address.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Kind(b.slice(12));
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return v4Kind(b.slice(12));
  if (b[0] === 0x20 && b[1] === 0x02) return v4Kind(b.slice(2, 6));
  // ::a.b.c.d (IPv4-compatible) is deprecated; nothing public lives in ::/96.
  if (zeros(0, 12)) return "reserved";
  return v6Ranges.find((r) => inRange(b, r))?.kind ?? null;
}

/**
 * Why `address` is not a public address (an IP as DNS answers it, or a URL's
 * hostname, brackets and all), or null when it is public. Not an IP at all: null.
 *
 * @example addressKind("127.0.0.1") // "loopback"
 * @example addressKind("[::ffff:a00:1]") // "private"
 */
export function addressKind(address: string): AddressKind | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const v4 = parseIpv4(bare);
  if (v4) return v4Kind(v4);
  const v6 = parseIpv6(bare);
  return v6 ? v6Kind(v6) : null;
}

/** Whether `address` is an IP address (v4 dotted, or v6 with or without brackets) rather than a name. */
export function isIpAddress(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  return parseIpv4(bare) !== null || parseIpv6(bare) !== null;
}
