// Pure rules of a thread's shape: how stored comments become the nested tree a page shows.

/** Levels of replies shown indented on one page; deeper branches continue on the focused view. */
export const MAX_DISPLAY_DEPTH = 6;
/** Big threads are paginated by top-level comment. */
export const TOP_LEVEL_PER_PAGE = 100;

export type ThreadSort = "oldest" | "newest";

export type TreeNode<T> = T & {
  replies: TreeNode<T>[];
  /** Replies not shown because the branch is too deep for this page; read them on the focused view. */
  hiddenReplies: number;
};

type Row = { id: number; parentId: number | null };

/**
 * Nests `rows` under their parents. Rows whose parent is not among them become roots, in
 * `rootOrder` when given (else oldest first); replies are always oldest first, so a
 * conversation reads downwards. Branches deeper than `maxLevels` are cut and counted.
 */
export function buildTree<T extends Row>(
  rows: T[],
  options: { rootOrder?: number[]; maxLevels?: number } = {},
): TreeNode<T>[] {
  const maxLevels = options.maxLevels ?? MAX_DISPLAY_DEPTH;
  const byId = new Map<number, TreeNode<T>>();
  // Copied with Object.assign, not spread: V8 spreads objects of many shapes (comments with and
  // without tags, edits, statuses) through a slow path.
  for (const row of [...rows].sort((a, b) => a.id - b.id))
    byId.set(row.id, Object.assign({}, row, { replies: [], hiddenReplies: 0 }));

  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  if (options.rootOrder) {
    const position = new Map(options.rootOrder.map((id, i) => [id, i]));
    roots.sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity));
  }
  for (const root of roots) cutBelow(root, 1, maxLevels);
  return roots;
}

function countAll<T>(nodes: TreeNode<T>[]): number {
  return nodes.reduce((n, node) => n + 1 + countAll(node.replies), 0);
}

function cutBelow<T>(node: TreeNode<T>, level: number, maxLevels: number) {
  if (level >= maxLevels) {
    node.hiddenReplies = countAll(node.replies);
    node.replies = [];
    return;
  }
  for (const reply of node.replies) cutBelow(reply, level + 1, maxLevels);
}

/** The page (1-based) on which a top-level comment at `position` (0-based, in the page's sort) appears. */
export function pageForPosition(position: number): number {
  return Math.floor(position / TOP_LEVEL_PER_PAGE) + 1;
}

export function pageCount(topLevelCount: number): number {
  return Math.max(1, Math.ceil(topLevelCount / TOP_LEVEL_PER_PAGE));
}

/** The ancestors of a comment, oldest first, from a map of id to parent id. */
export function ancestorIds(id: number, parentOf: Map<number, number | null>): number[] {
  const chain: number[] = [];
  let current = parentOf.get(id) ?? null;
  while (current !== null && !chain.includes(current)) {
    chain.unshift(current);
    current = parentOf.get(current) ?? null;
  }
  return chain;
}
