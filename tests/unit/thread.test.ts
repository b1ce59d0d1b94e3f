import { describe, expect, it } from "vitest";
import {
  ancestorIds,
  buildTree,
  MAX_DISPLAY_DEPTH,
  pageCount,
  pageForPosition,
  TOP_LEVEL_PER_PAGE,
  type TreeNode,
} from "~/models/thread.server";

type Row = { id: number; parentId: number | null; body?: string; status?: string };

/** The tree as nested ids, e.g. [[1, [[2, []]]]]: what order a reader sees. */
type Shape = [number, Shape[]];
const shape = <T extends Row>(nodes: TreeNode<T>[]): Shape[] => nodes.map((n) => [n.id, shape(n.replies)]);

/** A chain 1 <- 2 <- ... <- n, each replying to the one before. */
const chain = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, parentId: i === 0 ? null : i }));

describe("buildTree", () => {
  it("nests replies under their parents", () => {
    const rows: Row[] = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: null },
      { id: 5, parentId: 4 },
    ];
    expect(shape(buildTree(rows))).toEqual([
      [1, [[2, [[3, []]]]]],
      [4, [[5, []]]],
    ]);
  });

  it("returns nothing for no rows", () => {
    expect(buildTree([])).toEqual([]);
  });

  it("lists replies oldest first whatever order the rows come in", () => {
    const rows: Row[] = [
      { id: 9, parentId: 1 },
      { id: 3, parentId: 1 },
      { id: 1, parentId: null },
      { id: 7, parentId: 1 },
      { id: 12, parentId: 3 },
      { id: 5, parentId: 3 },
    ];
    expect(shape(buildTree(rows))).toEqual([
      [
        1,
        [
          [
            3,
            [
              [5, []],
              [12, []],
            ],
          ],
          [7, []],
          [9, []],
        ],
      ],
    ]);
  });

  it("lists replies oldest first even when roots are newest first", () => {
    const rows: Row[] = [
      { id: 1, parentId: null },
      { id: 2, parentId: null },
      { id: 4, parentId: 1 },
      { id: 3, parentId: 1 },
    ];
    expect(shape(buildTree(rows, { rootOrder: [2, 1] }))).toEqual([
      [2, []],
      [
        1,
        [
          [3, []],
          [4, []],
        ],
      ],
    ]);
  });

  it("orders roots by id when no rootOrder is given", () => {
    const rows: Row[] = [
      { id: 30, parentId: null },
      { id: 10, parentId: null },
      { id: 20, parentId: null },
    ];
    expect(buildTree(rows).map((n) => n.id)).toEqual([10, 20, 30]);
  });

  it("orders roots as rootOrder says (e.g. newest first)", () => {
    const rows: Row[] = [
      { id: 10, parentId: null },
      { id: 20, parentId: null },
      { id: 30, parentId: null },
    ];
    expect(buildTree(rows, { rootOrder: [30, 20, 10] }).map((n) => n.id)).toEqual([30, 20, 10]);
    expect(buildTree(rows, { rootOrder: [20, 30, 10] }).map((n) => n.id)).toEqual([20, 30, 10]);
  });

  it("makes rows whose parent is not among the rows into roots", () => {
    // A focused view: comment 5 and its replies, without its own parent 2.
    const rows: Row[] = [
      { id: 5, parentId: 2 },
      { id: 6, parentId: 5 },
      { id: 8, parentId: 99 },
    ];
    expect(shape(buildTree(rows))).toEqual([
      [5, [[6, []]]],
      [8, []],
    ]);
  });

  it("keeps the other fields of each row", () => {
    const rows: Row[] = [
      { id: 1, parentId: null, body: "first", status: "visible" },
      { id: 2, parentId: 1, body: "second", status: "visible" },
    ];
    const [root] = buildTree(rows);
    expect(root).toMatchObject({ id: 1, parentId: null, body: "first", status: "visible", hiddenReplies: 0 });
    expect(root.replies[0]).toMatchObject({
      id: 2,
      parentId: 1,
      body: "second",
      status: "visible",
      hiddenReplies: 0,
      replies: [],
    });
  });

  it("keeps a deleted comment (tombstone) with its replies under it", () => {
    const rows: Row[] = [
      { id: 1, parentId: null, status: "deleted", body: "" },
      { id: 2, parentId: 1, status: "visible", body: "reply to a deleted comment" },
      { id: 3, parentId: 2, status: "visible", body: "and another" },
    ];
    const [tombstone] = buildTree(rows);
    expect(tombstone.status).toBe("deleted");
    expect(shape([tombstone])).toEqual([[1, [[2, [[3, []]]]]]]);
    expect(tombstone.replies[0].body).toBe("reply to a deleted comment");
  });

  it("does not change the rows it was given", () => {
    const rows: Row[] = [
      { id: 2, parentId: 1 },
      { id: 1, parentId: null },
    ];
    const copy = structuredClone(rows);
    buildTree(rows);
    expect(rows).toEqual(copy);
  });

  describe("depth cut", () => {
    it("shows 6 levels by default", () => {
      expect(MAX_DISPLAY_DEPTH).toBe(6);
    });

    it("cuts a chain of 9 comments at the 6th level and counts the 3 hidden below", () => {
      const levels: TreeNode<Row>[] = [];
      let nodes = buildTree(chain(9));
      while (nodes.length > 0) {
        expect(nodes).toHaveLength(1);
        levels.push(nodes[0]);
        nodes = nodes[0].replies;
      }
      expect(levels.map((n) => n.id)).toEqual([1, 2, 3, 4, 5, 6]);
      const sixth = levels[5];
      expect(sixth.replies).toEqual([]);
      expect(sixth.hiddenReplies).toBe(3);
      for (const above of levels.slice(0, 5)) expect(above.hiddenReplies).toBe(0);
    });

    it("does not cut a chain of exactly 6", () => {
      const levels: TreeNode<Row>[] = [];
      let nodes = buildTree(chain(6));
      while (nodes.length > 0) {
        levels.push(nodes[0]);
        nodes = nodes[0].replies;
      }
      expect(levels).toHaveLength(6);
      expect(levels.every((n) => n.hiddenReplies === 0)).toBe(true);
    });

    it("counts a branching subtree below the cut in full", () => {
      // Chain 1..6, then under 6: 7 and 8; under 7: 9, 10; under 9: 11.
      const rows: Row[] = [
        ...chain(6),
        { id: 7, parentId: 6 },
        { id: 8, parentId: 6 },
        { id: 9, parentId: 7 },
        { id: 10, parentId: 7 },
        { id: 11, parentId: 9 },
      ];
      let node = buildTree(rows)[0];
      for (let level = 1; level < 6; level++) node = node.replies[0];
      expect(node.id).toBe(6);
      expect(node.replies).toEqual([]);
      expect(node.hiddenReplies).toBe(5);
    });

    it("cuts every branch at its own 6th level and leaves shorter ones alone", () => {
      const rows: Row[] = [
        ...chain(7), // 1..7, one too deep
        { id: 20, parentId: 2 }, // level 3 sibling branch
        { id: 21, parentId: 20 },
      ];
      const [root] = buildTree(rows);
      const two = root.replies[0];
      expect(two.replies.map((n) => n.id)).toEqual([3, 20]);
      expect(two.replies[1].replies.map((n) => n.id)).toEqual([21]);
      expect(two.replies[1].hiddenReplies).toBe(0);
      const six = two.replies[0].replies[0].replies[0].replies[0];
      expect(six.id).toBe(6);
      expect(six.hiddenReplies).toBe(1);
      expect(six.replies).toEqual([]);
    });

    it("takes a different maxLevels", () => {
      const [root] = buildTree(chain(5), { maxLevels: 2 });
      expect(root.replies.map((n) => n.id)).toEqual([2]);
      expect(root.replies[0].replies).toEqual([]);
      expect(root.replies[0].hiddenReplies).toBe(3);
    });

    it("with maxLevels 1 shows only roots, each counting everything below", () => {
      const rows: Row[] = [...chain(3), { id: 10, parentId: null }];
      const roots = buildTree(rows, { maxLevels: 1 });
      expect(roots.map((n) => [n.id, n.replies.length, n.hiddenReplies])).toEqual([
        [1, 0, 2],
        [10, 0, 0],
      ]);
    });
  });
});

describe("pagination", () => {
  it("puts 100 top-level comments on a page", () => {
    expect(TOP_LEVEL_PER_PAGE).toBe(100);
  });

  it.each([
    [0, 1],
    [1, 1],
    [99, 1],
    [100, 2],
    [199, 2],
    [200, 3],
    [250, 3],
  ])("pageForPosition(%i) is %i", (position, page) => {
    expect(pageForPosition(position)).toBe(page);
  });

  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [200, 2],
    [201, 3],
  ])("pageCount(%i) is %i", (count, pages) => {
    expect(pageCount(count)).toBe(pages);
  });

  it("the last comment's page is the last page", () => {
    for (const count of [1, 99, 100, 101, 250, 300]) expect(pageForPosition(count - 1)).toBe(pageCount(count));
  });
});

describe("ancestorIds", () => {
  const parentOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, 3],
    [5, 1],
  ]);

  it("returns the chain of ancestors, oldest first", () => {
    expect(ancestorIds(4, parentOf)).toEqual([1, 2, 3]);
    expect(ancestorIds(5, parentOf)).toEqual([1]);
  });

  it("returns nothing for a top-level comment", () => {
    expect(ancestorIds(1, parentOf)).toEqual([]);
  });

  it("returns nothing for an unknown comment", () => {
    expect(ancestorIds(42, parentOf)).toEqual([]);
  });

  it("stops at a parent that is not in the map", () => {
    const partial = new Map<number, number | null>([
      [7, 6],
      [6, 3],
    ]);
    expect(ancestorIds(7, partial)).toEqual([3, 6]);
  });

  it("stops on a cycle instead of looping forever", () => {
    const cyclic = new Map<number, number | null>([
      [1, 3],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    const chainOf4 = ancestorIds(4, cyclic);
    expect(new Set(chainOf4).size).toBe(chainOf4.length);
    expect(chainOf4.sort()).toEqual([1, 2, 3]);
    const selfLoop = new Map<number, number | null>([[8, 8]]);
    const own = ancestorIds(8, selfLoop);
    expect(new Set(own).size).toBe(own.length);
    expect(own.length).toBeLessThanOrEqual(1);
  });
});
