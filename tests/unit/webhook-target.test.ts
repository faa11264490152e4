import { BlockList } from "node:net";
import { describe, expect, it } from "vitest";
import { addressKind, isIpAddress, parseIpv6 } from "../../src/lib/ip-ranges.ts";
import { literalTargetProblem, resolvedTargetProblem, targetProblem } from "../../src/lib/webhook-target.ts";
import { stubResolver } from "../support/resolver.ts";

const refuse = { allowPrivate: false };
const allow = { allowPrivate: true };
const literal = (url: string) => literalTargetProblem(new URL(url), refuse)?.message ?? null;

describe("addressKind", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared (CGNAT)"],
    ["169.254.169.254", "link-local"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:a00:1]", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:7f00:1::", "loopback"],
    ["::7f00:1", "reserved"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["ff02::1", "multicast"],
  ])("Should class %s as %s", (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "11.0.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "2002:808:808::",
  ])("Should class %s as public", (address) => {
    expect(addressKind(address)).toBeNull();
  });

  it("Should agree with Node's net.BlockList on every v4 and mapped-v6 range it shares", () => {
    const list = new BlockList();
    for (const [net, bits] of [
      ["0.0.0.0", 8],
      ["10.0.0.0", 8],
      ["100.64.0.0", 10],
      ["127.0.0.0", 8],
      ["169.254.0.0", 16],
      ["172.16.0.0", 12],
      ["192.0.0.0", 24],
      ["192.168.0.0", 16],
      ["198.18.0.0", 15],
      ["224.0.0.0", 3],
    ] as const)
      list.addSubnet(net, bits, "ipv4");
    list.addSubnet("fc00::", 7, "ipv6");
    list.addSubnet("fe80::", 10, "ipv6");
    list.addSubnet("fec0::", 10, "ipv6");
    list.addSubnet("ff00::", 8, "ipv6");
    // Every /16 boundary's neighbours, both as IPv4 and as IPv4-mapped IPv6.
    for (let a = 0; a < 256; a++) {
      for (const b of [0, 63, 64, 127, 128, 167, 168, 254, 255]) {
        for (const v4 of [`${a}.${b}.0.1`, `${a}.${b}.255.254`]) {
          expect(addressKind(v4) !== null, v4).toBe(list.check(v4, "ipv4"));
          expect(addressKind(`::ffff:${v4}`) !== null, `::ffff:${v4}`).toBe(list.check(`::ffff:${v4}`, "ipv6"));
        }
      }
    }
    for (const v6 of [
      "fbff::1",
      "fc00::1",
      "fdff::1",
      "fe00::1",
      "fe80::1",
      "febf::1",
      "fec0::1",
      "ff02::1",
      "2001:db8::1",
    ]) {
      expect(addressKind(v6) !== null, v6).toBe(list.check(v6, "ipv6"));
    }
  });

  it("Should read names and malformed text as not being addresses", () => {
    for (const text of ["example.com", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", ":::", "1::2::3", "g::1", ""]) {
      expect(isIpAddress(text), text).toBe(false);
      expect(addressKind(text), text).toBeNull();
    }
    expect(parseIpv6("1:2:3:4:5:6:7:8")).toHaveLength(16);
    expect(parseIpv6("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIpv6("1:2:3:4:5:6:7::8")).toBeNull();
  });
});

describe("literalTargetProblem", () => {
  it.each([
    ["http://127.0.0.1/hook", "loopback"],
    ["http://localhost:8080/hook", "loopback"],
    ["http://api.localhost/hook", "loopback"],
    ["http://LOCALHOST./hook", "loopback"],
    ["http://0.0.0.0/hook", "unspecified"],
    ["http://0/hook", "unspecified"],
    ["http://2130706433/hook", "loopback"],
    ["http://0x7f.1/hook", "loopback"],
    ["http://017700000001/hook", "loopback"],
    ["http://127.1/hook", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://10.0.0.5/hook", "private"],
    ["http://192.168.0.10/hook", "private"],
    ["http://100.100.100.200/hook", "shared (CGNAT)"],
    ["http://[::1]/hook", "loopback"],
    ["http://[::]/hook", "unspecified"],
    ["http://[::ffff:127.0.0.1]/hook", "loopback"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/hook", "loopback"],
    ["http://[fc00::1]/hook", "unique-local"],
    ["http://[fe80::1]/hook", "link-local"],
  ])("Should refuse %s as a %s address", (url, kind) => {
    expect(literal(url)).toBe(`must not point at a ${kind} address`);
    expect(literalTargetProblem(new URL(url), allow)).toBeNull();
  });

  it("Should refuse credentials and other schemes whatever WEBHOOK_ALLOW_PRIVATE says", () => {
    for (const rule of [refuse, allow]) {
      expect(literalTargetProblem(new URL("https://user:pass@hooks.example.com/x"), rule)?.message).toBe(
        "must not hold credentials (a user name or password)",
      );
      expect(literalTargetProblem(new URL("https://token@hooks.example.com/x"), rule)?.message).toMatch(/credentials/);
      expect(literalTargetProblem(new URL("ftp://hooks.example.com/x"), rule)?.message).toBe(
        "must be an http or https URL",
      );
    }
  });

  it("Should accept a public host, named or written as an address", () => {
    expect(literal("https://hooks.example.com/candor")).toBeNull();
    expect(literal("http://93.184.215.14:8080/x")).toBeNull();
    expect(literal("https://[2606:4700::1111]/x")).toBeNull();
  });
});

describe("targetProblem", () => {
  it("Should refuse a name that resolves to a private address, even among public ones", async () => {
    const resolve = stubResolver({
      "loop.test": ["127.0.0.1"],
      "ten.test": ["10.0.0.7"],
      "mixed.test": ["93.184.215.14", "::ffff:192.168.1.1"],
      "public.test": ["93.184.215.14", "2606:4700::1111"],
    });
    const check = (url: string) => targetProblem(new URL(url), { ...refuse, resolve });
    expect((await check("https://loop.test/x"))?.message).toBe("must not resolve to a loopback address");
    expect((await check("https://ten.test/x"))?.message).toBe("must not resolve to a private address");
    expect((await check("https://mixed.test/x"))?.message).toBe("must not resolve to a private address");
    expect(await check("https://public.test/x")).toBeNull();
    // Unknown today: accepted, checked again at delivery.
    expect(await check("https://unknown.test/x")).toBeNull();
    expect(resolvedTargetProblem(["127.0.0.1"], allow)).toBeNull();
  });

  it("Should not ask the resolver about a literal address or when private addresses are allowed", async () => {
    const resolve = stubResolver({ "loop.test": ["127.0.0.1"] });
    expect(await targetProblem(new URL("http://93.184.215.14/x"), { ...refuse, resolve })).toBeNull();
    expect(await targetProblem(new URL("http://loop.test/x"), { ...allow, resolve })).toBeNull();
    expect(resolve.asked).toEqual([]);
  });
});
