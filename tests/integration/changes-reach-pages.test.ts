// Every kind of change reaches every page that shows it, on one instance with its page cache on.
import { beforeAll, describe } from "vitest";
import { useApp } from "./http";
import { changesReachPages, signInStaff, type Staff } from "./reach";

const base = useApp();
let staff: Staff;
beforeAll(async () => {
  staff = await signInStaff(base());
});

describe("one instance", () => {
  changesReachPages(
    () => ({ changeOn: base(), readOn: [{ name: "the instance", base: base() }] }),
    () => staff,
  );
});
