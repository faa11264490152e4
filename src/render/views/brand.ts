type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

const hexOf = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

/**
 * The brand colour, mixed toward black or white just enough to read as text
 * (WCAG AA, 4.5:1) on every background it sits on in one theme.
 *
 * @example readableOn("#ffff00", ["#ffffff"], "#000000") // a dark yellow that reads on white
 */
export function readableOn(hex: string, backgrounds: string[], toward: "#000000" | "#ffffff"): string {
  const from = rgb(hex);
  const to = rgb(toward);
  for (let step = 0; step <= 20; step++) {
    const mixed = from.map((v, i) => v + ((to[i] - v) * step) / 20);
    if (backgrounds.every((bg) => contrast(mixed as Rgb, rgb(bg)) >= 4.6)) return hexOf(mixed);
  }
  return toward;
}

/** The page's brand colour and the link colours derived from it for the light and dark themes. */
export type Brand = { color: string; linkLight: string; linkDark: string };
const brands = new Map<string, Brand>();

/**
 * Null keeps the stylesheet's calm blue; a PAGE_BRAND_COLOR gets links that
 * stay readable in both themes. Worked out once per colour, not per render.
 *
 * @example brandOf("#f80") // { color: "#ff8800", linkLight: "#…", linkDark: "#…" }
 */
export function brandOf(color: string | undefined): Brand | null {
  if (!color) return null;
  let brand = brands.get(color);
  if (!brand) {
    brand = {
      color: hexOf(rgb(color)),
      linkLight: readableOn(color, ["#ffffff", "#f6f8fa"], "#000000"),
      linkDark: readableOn(color, ["#0d1117", "#151b23"], "#ffffff"),
    };
    brands.set(color, brand);
  }
  return brand;
}
