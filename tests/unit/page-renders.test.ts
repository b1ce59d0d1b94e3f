// The server makes at most a few pages at once; the other readers wait their turn.
import { describe, expect, it } from "vitest";
import { limiter } from "../../server.mjs";

describe("the page render limit", () => {
  it("lets `max` in at once and the others in turn, first come first served", async () => {
    const renders = limiter(2);
    const first = await renders.acquire();
    const second = await renders.acquire();
    const order: string[] = [];
    const third = renders.acquire().then((done) => (order.push("third"), done));
    const fourth = renders.acquire().then((done) => (order.push("fourth"), done));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([renders.active, renders.waiting, order]).toEqual([2, 2, []]);
    first();
    const doneThird = await third;
    expect(order).toEqual(["third"]);
    second();
    (await fourth)();
    doneThird();
    expect([renders.active, renders.waiting, order]).toEqual([0, 0, ["third", "fourth"]]);
  });

  it("gives a place back once, however often its holder lets go", async () => {
    const renders = limiter(1);
    const done = await renders.acquire();
    done();
    done();
    expect(renders.active).toBe(0);
    const again = await renders.acquire();
    expect(renders.active).toBe(1);
    const waiting = renders.acquire();
    done(); // a stale release must not let a second holder in
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(renders.waiting).toBe(1);
    again();
    (await waiting)();
    expect(renders.active).toBe(0);
  });
});
