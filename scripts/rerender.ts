// npm run db:rerender: re-renders every stored post and comment from its markdown, after a
// change to the markdown rules (app/lib/markdown.server.ts).
import { disconnect } from "../app/lib/db.server";
import { rerenderAll } from "../app/models/comments.server";
import { rerenderAllPosts } from "../app/models/posts.server";

const comments = await rerenderAll();
const posts = await rerenderAllPosts();
console.log(`Re-rendered: ${comments} comment(s) and ${posts} post(s) changed.`);
await disconnect();
