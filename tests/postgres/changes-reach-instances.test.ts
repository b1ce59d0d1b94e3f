// Every kind of change made through one instance reaches every page that shows it on both
// instances of one PostgreSQL database, each with its page cache on.
import { afterAll, beforeAll, describe } from "vitest";
import { changesReachPages, signInStaff, type Staff } from "../integration/reach";
import { killServerProcesses, startServerProcess } from "../server-process";

const startInstance = async () => (await startServerProcess({ env: { PICKET_TRUST_PROXY: "loopback" } })).base;

let a = "";
let b = "";
let staff: Staff;
beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
  staff = await signInStaff(a);
});
afterAll(killServerProcesses);

describe("two instances on one PostgreSQL database", () => {
  changesReachPages(
    () => ({
      changeOn: a,
      readOn: [
        { name: "the instance it was made on", base: a },
        { name: "the other instance", base: b },
      ],
    }),
    () => staff,
  );
});
