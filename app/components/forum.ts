// The forum's own name, description and logo (set at /admin/settings), read from the root
// route's data by every page's title and by the header.
import type { MetaArgs } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import type { Forum } from "~/models/settings.server";

/** Shown before the root's data is there: a page the database could not make. */
const UNNAMED: Forum = { name: "Picket", description: "", logo: null };

type Matches = MetaArgs["matches"];

export function forumIn(matches: Matches): Forum {
  return (matches.find((match) => match.id === "root")?.data as { forum?: Forum } | undefined)?.forum ?? UNNAMED;
}

/** A page's title: what it is, then the forum's name ("Settings · Probation branch"). */
export function pageTitle(matches: Matches, ...what: string[]): string {
  return [...what, forumIn(matches).name].join(" · ");
}

export function useForum(): Forum {
  return useRouteLoaderData<{ forum: Forum }>("root")?.forum ?? UNNAMED;
}
