import { describe, expect, it } from "vitest";
import { brandOf, readableOn } from "../../../src/render/views/brand.ts";

/** WCAG 2 contrast, worked out here independently of the view. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

describe("brand colours", () => {
  it("Should keep a colour that already reads as text on every background", () => {
    expect(readableOn("#0000ff", ["#ffffff", "#f6f8fa"], "#000000")).toBe("#0000ff");
  });

  it("Should darken a light colour just enough to pass WCAG AA on light backgrounds", () => {
    const link = readableOn("#ffcc00", ["#ffffff", "#f6f8fa"], "#000000");
    expect(link).not.toBe("#ffcc00");
    expect(link).not.toBe("#000000");
    for (const bg of ["#ffffff", "#f6f8fa"]) expect(contrast(link, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it("Should lighten a dark colour for the dark theme", () => {
    const link = readableOn("#003366", ["#0d1117", "#151b23"], "#ffffff");
    for (const bg of ["#0d1117", "#151b23"]) expect(contrast(link, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it("Should keep the stylesheet's blue without a brand colour, and expand a short hex with one", () => {
    expect(brandOf(undefined)).toBeNull();
    const brand = brandOf("#f80");
    expect(brand?.color).toBe("#ff8800");
    expect(contrast(brand?.linkLight ?? "", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(brand?.linkDark ?? "", "#0d1117")).toBeGreaterThanOrEqual(4.5);
  });
});
